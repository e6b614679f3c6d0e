using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions;

/// <summary>The week of sessions of a large school, as the Head of Therapy sees everyone's: fifty a page, each session on exactly one page.</summary>
public sealed class SessionsWeekPageTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task EveryonesBusyWeek_IsShownFiftyAPage_EachSessionOnce_AndTheApiStillGivesTheWholeWeek(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupils = await PupilFactory.AddAsync(app, school, 55);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = SchoolTime.London.Today(app.Clock);
        var monday = SchoolDates.MondayOf(today).AddDays(-7);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            for (var i = 0; i < pupils.Count; i++)
            {
                // Last week's drop-ins, one for each pupil, at times through the day.
                var episode = Episode.Import(school.Id, pupils[i].Id, school.TherapistStaffId, Discipline.Counselling, monday.AddDays(-30));
                db.Episodes.Add(episode);
                var session = TherapySession.Record(school.Id, school.TherapistStaffId, Discipline.Counselling, SessionKind.DropIn, null, monday.AddDays(i % 5),
                    new TimeOnly(9, 0).AddMinutes(5 * i), 30, null, null, [new MemberRecording(pupils[i].Id, Attendance.Attended, Engagement.Mostly, null)],
                    new SessionExpectation([new ExpectedPupil(pupils[i].Id, episode.Id, "Pupil", true)], today, new TimeOnly(23, 59)), Guid.NewGuid(), now);
                db.TherapySessions.Add(session.Value);
            }

            await db.SaveChangesAsync();
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var week = $"/sessions?week={monday:yyyy-MM-dd}";
        var first = await hot.GetPageAsync(week);
        var caption = first.Document.QuerySelector("#sessions caption")!.TextContent;
        var total = int.Parse(caption.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        total.ShouldBeGreaterThanOrEqualTo(55);
        caption.ShouldBe($"{total} sessions, earliest first, 50 on this page");
        first.Document.QuerySelectorAll("#sessions tbody tr").Length.ShouldBe(50);
        first.Text.ShouldContain("Page 1 of 2");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href");
        next.ShouldBe($"{week}&page=2");

        var second = await hot.GetPageAsync(next!);
        second.Document.QuerySelectorAll("#sessions tbody tr").Length.ShouldBe(total - 50);
        second.Document.QuerySelector("a[rel=next]").ShouldBeNull();

        // Every pupil's session once, on one page or the other, earliest first across the pages.
        var rows = first.Document.QuerySelectorAll("#sessions tbody tr").Concat(second.Document.QuerySelectorAll("#sessions tbody tr")).Select(r => r.TextContent).ToList();
        foreach (var p in pupils)
        {
            rows.Count(r => r.Contains($"{p.LegalFirstName} {p.LegalLastName}", StringComparison.Ordinal)).ShouldBe(1, p.LegalLastName);
        }

        // A page past the end shows the last page.
        (await hot.GetPageAsync($"{week}&page=9")).Document.QuerySelectorAll("#sessions tbody tr").Length.ShouldBe(total - 50);

        // The API's week is not paged: a system reading it gets the whole week.
        var api = await hot.Http.GetAsync($"/api/v1/sessions?week={monday:yyyy-MM-dd}");
        var json = await api.Content.ReadAsStringAsync();
        api.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, json);
        using var read = System.Text.Json.JsonDocument.Parse(json);
        read.RootElement.GetProperty("sessions").GetArrayLength().ShouldBe(total);
    }
}
