using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Board;

/// <summary>A pupil sees where their practitioner is, but never who else they are with.</summary>
public sealed class PupilViewSessionTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task APractitionerWithAnotherPupil_IsWithSomeone_AndWithThisPupil_IsWithYouInTheRoom(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(10, 5));
        var school = await TestSchool.CreateAsync(app);
        var other = (await PupilFactory.AddAsync(app, school, 1))[0];
        var nest = await TimetableData.AddRoomAsync(app, school, "The Nest");
        var den = await TimetableData.AddRoomAsync(app, school, "The Den");
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [other.Id], den, DayOfWeek.Wednesday, new TimeOnly(10, 0), new TimeOnly(10, 45), BoardClock.SchoolDay.AddDays(-2));
        await TimetableData.PlaceAsync(app, school, school.TherapistStaffId, [school.PupilId], nest, DayOfWeek.Wednesday, new TimeOnly(11, 0), new TimeOnly(11, 45), BoardClock.SchoolDay.AddDays(-2));
        var pupil = await school.SignInAsync(Role.Pupil);

        var page = await pupil.GetPageAsync("/my-practitioners");
        var card = page.Document.QuerySelector("#my-practitioners li")!.TextContent;
        card.ShouldContain("Now: With someone until 10:45.");
        card.ShouldContain("Next free: Free at 10:45.");
        page.Text.ShouldNotContain("The Den", Case.Insensitive, "the room of another pupil's session is not told");
        page.Text.ShouldNotContain(other.LegalLastName, Case.Insensitive);
        page.Document.QuerySelector("#my-next-session")!.TextContent.ShouldContain("Today at 11:00, in The Nest, with Test Therapist.");

        BoardClock.Set(app, BoardClock.SchoolDay, new TimeOnly(11, 10));
        pupil = await school.SignInAsync(Role.Pupil);
        page = await pupil.GetPageAsync("/my-practitioners");
        page.Document.QuerySelector("#my-practitioners li")!.TextContent.ShouldContain("Now: With you in The Nest until 11:45.");
    }
}
