using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Feeds;

/// <summary>The feeds as a calendar app reads them: parsed by ical.js, not compared as strings.</summary>
public sealed class CalendarFeedParsingTests
{
    private static readonly DateOnly MondayBeforeTheClocksChange = new(2027, 3, 15);

    [Theory, OnSqlite, OnPostgres]
    public async Task AStaffFeed_KeepsA0900SessionAt0900AcrossTheClockChange_WithMovedAndCancelledOccurrences(DatabaseProvider provider)
    {
        // On an app of its own whose today is 7 December 2026, so that the weeks around 28 March 2027 are in the feed's
        // reach whatever day the suite runs on (in May 2027 they would be too far back).
        await using var app = await TestApp.StartAsync(provider);
        app.Clock.MoveTo(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var school = await TestSchool.CreateAsync(app);
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 45), MondayBeforeTheClocksChange);
        await ChangeAsync(app, school, async db =>
        {
            var moved = await db.SessionOccurrences.SingleAsync(o => o.Date == new DateOnly(2027, 4, 19));
            moved.MoveTo(new DateOnly(2027, 4, 20), new TimeOnly(10, 0), new TimeOnly(10, 45), nest).IsSuccess.ShouldBeTrue();
            var cancelled = await db.SessionOccurrences.SingleAsync(o => o.Date == new DateOnly(2027, 4, 26));
            cancelled.Cancel("The therapist is on a course").IsSuccess.ShouldBeTrue();
        });

        var therapist = await school.SignInAsync(Role.Therapist);
        var address = CalendarFeedTests.AddressFrom(await therapist.SubmitAndReadAsync("/account/calendar-feed", []));
        var ics = await (await new TestClient(app.NewBrowser()).GetAsync(address)).Content.ReadAsStringAsync();
        var calendar = await IcalJs.ParseAsync(ics);

        calendar.Zones.ShouldContain("Europe/London");
        var events = calendar.Events.ToDictionary(e => e.Start[..10]);
        var winter = events["2027-03-22"];
        winter.Start.ShouldBe("2027-03-22T09:00");
        winter.Tzid.ShouldBe("Europe/London");
        winter.StartUtc.ShouldBe("2027-03-22T09:00:00.000Z", "GMT: 09:00 in school is 09:00 UTC");
        var summer = events["2027-04-12"];
        summer.Start.ShouldBe("2027-04-12T09:00", "still 09:00 in school after the clocks go forward on 28 March");
        summer.StartUtc.ShouldBe("2027-04-12T08:00:00.000Z", "BST: 09:00 in school is 08:00 UTC");
        summer.End.ShouldBe("2027-04-12T09:45");
        summer.Summary.ShouldBe("Counselling: J.O.", "pupils by initials only");
        summer.Location.ShouldBe("The Nest");
        summer.Status.ShouldBe("CONFIRMED");

        events.ShouldNotContainKey("2027-04-19");
        events["2027-04-20"].Start.ShouldBe("2027-04-20T10:00", "a moved occurrence shows its new time");
        events["2027-04-20"].Description!.ShouldContain("Moved from Monday 19 April");
        events["2027-04-26"].Status.ShouldBe("CANCELLED");
        events.ShouldNotContainKey("2027-03-29", "the Easter holiday has no sessions");
        events.ShouldNotContainKey("2027-05-03", "nor the bank holiday");
        ics.ShouldNotContain(school.PupilLastName, Case.Insensitive);
        ics.ShouldNotContain("Jamal", Case.Insensitive);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AParentsFeed_HasTheirChildsAppointments_NoOtherPupil_AndNothingThroughARestrictedLink(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var classmate = (await PupilFactory.AddAsync(app, school, 1))[0];
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId, classmate.Id], nest, DayOfWeek.Tuesday, new TimeOnly(13, 30), new TimeOnly(14, 15), MondayBeforeTheClocksChange);
        var somebodyElse = (await PupilFactory.AddAsync(app, school, 1))[0];
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [somebodyElse.Id], nest, DayOfWeek.Thursday, new TimeOnly(9, 0), new TimeOnly(9, 45), MondayBeforeTheClocksChange);

        var parent = await school.SignInAsync(Role.ParentCarer);
        var address = CalendarFeedTests.AddressFrom(await parent.SubmitAndReadAsync("/account/calendar-feed", []));
        var stranger = new TestClient(app.NewBrowser());
        var ics = await (await stranger.GetAsync(address)).Content.ReadAsStringAsync();
        var calendar = await IcalJs.ParseAsync(ics);

        calendar.Events.ShouldNotBeEmpty();
        calendar.Events.ShouldAllBe(e => e.Summary == "Jamal: Counselling (group)" && e.Location == "The Nest" && e.Start.EndsWith("T13:30", StringComparison.Ordinal));
        ics.ShouldNotContain(classmate.LegalLastName, Case.Insensitive);
        ics.ShouldNotContain(somebodyElse.LegalLastName, Case.Insensitive);
        ics.ShouldNotContain("Test Therapist", Case.Insensitive);

        await ChangeAsync(app, school, async db => (await db.CarerLinks.SingleAsync(l => l.Id == school.CarerLinkId)).Restrict("Court order"));
        (await IcalJs.ParseAsync(await (await stranger.GetAsync(address)).Content.ReadAsStringAsync())).Events.ShouldBeEmpty("a restricted link gives the parent nothing about the child");
    }

    private static async Task ChangeAsync(TestApp app, TestSchool school, Func<SecureBaseDb, Task> change)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await change(db);
        await db.SaveChangesAsync();
    }
}
