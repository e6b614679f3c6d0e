using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using SecureBase.Timetable;

namespace SecureBase.Tests.Sessions;

/// <summary>
/// A test school whose therapist has a weekly session (1:1 with the school's pupil, or a group) on
/// Mondays at 09:00 from a school week in the past (its first two occurrences at least a week ago), through the
/// pupils' real open episodes, so that past occurrences can be recorded and later ones cannot yet.
/// </summary>
internal sealed record SessionSchool(TestApp App, TestSchool School, IReadOnlyList<PupilId> Pupils, IReadOnlyList<EpisodeId> Episodes, WeeklySessionId SessionId, DateOnly FirstMonday)
{
    public Task<T> QueryAsync<T>(Func<SecureBaseDb, Task<T>> query) => SecureBase.Tests.Imports.ImportFiles.QueryAsync(App, School, query);

    /// <summary>The occurrence on the Monday of the given week (0 = the first, in the past).</summary>
    public Task<SessionOccurrence> OccurrenceAsync(int week) =>
        QueryAsync(db => db.SessionOccurrences.AsNoTracking().Where(o => o.SessionId == SessionId).OrderBy(o => o.OriginalDate).Skip(week).FirstAsync());

    /// <summary>The therapist records the pupil's attendance at a week's occurrence through the API; the session's id and stamp.</summary>
    public async Task<(Guid Id, Guid Stamp)> RecordAsync(TestClient therapist, int week, string attendance)
    {
        var body = new { members = new[] { new { pupilId = School.PupilId.ToString(), attendance, engagement = attendance == "Attended" ? (int?)3 : null } } };
        var recorded = await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await OccurrenceAsync(week)).Id}/record", body);
        var json = await recorded.Content.ReadAsStringAsync();
        recorded.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, json);
        using var read = System.Text.Json.JsonDocument.Parse(json);
        return (read.RootElement.GetProperty("id").GetGuid(), read.RootElement.GetProperty("stamp").GetGuid());
    }

    /// <summary>The EHCP list's row for the pupil with this last name.</summary>
    public static string EhcpRowOf(Page list, string lastName) =>
        list.Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent).SingleOrDefault(t => t.Contains(lastName, StringComparison.Ordinal))
        ?? throw new ShouldAssertException($"No row for {lastName} in the EHCP list:\n{list.Text}");

    public Task<SessionOccurrence> FutureOccurrenceAsync(DateOnly today) =>
        QueryAsync(db => db.SessionOccurrences.AsNoTracking().Where(o => o.SessionId == SessionId && o.Date > today).OrderBy(o => o.OriginalDate).FirstAsync());

    public static async Task<SessionSchool> CreateAsync(DatabaseProvider provider, int groupSize = 1, bool explained = true) =>
        await CreateOnAsync(await SharedApps.GetAsync(provider), groupSize, explained);

    /// <summary>The same school made by an application of the test's own (one of several instances on a database).</summary>
    public static async Task<SessionSchool> CreateOnAsync(TestApp app, int groupSize = 1, bool explained = true)
    {
        var school = await TestSchool.CreateAsync(app);
        var others = groupSize > 1 ? await PupilFactory.AddAsync(app, school, groupSize - 1) : [];
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var calendar = await SchoolCalendar.LoadAsync(db);
        // The second-last school week (with a school Monday) ending at least a week ago, so that the first two
        // occurrences have both happened whatever day and hour the suite runs: on a Monday morning the last
        // one would be today at 09:00, not yet happened.
        var mondays = calendar.SchoolWeeksBetween(today.AddDays(-84), today.AddDays(-7)).Where(w => w.SchoolDays.Contains(w.Monday)).ToList();
        var monday = mondays[^2].Monday;

        var episodes = new List<Episode> { await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId) };
        foreach (var p in others)
        {
            var e = Episode.Import(school.Id, p.Id, school.TherapistStaffId, Staff.Discipline.Counselling, monday.AddDays(-30));
            db.Episodes.Add(e);
            episodes.Add(e);
        }

        if (explained)
        {
            foreach (var e in episodes)
            {
                e.RecordConfidentialityExplained(e.StartDate, "Listened and asked who would be told.", today).IsSuccess.ShouldBeTrue();
            }
        }

        var pupils = new List<PupilId> { school.PupilId };
        pupils.AddRange(others.Select(p => p.Id));
        var session = WeeklySession.ForEpisode(school.Id, school.SiteId, school.TherapistStaffId, Staff.Discipline.Counselling, pupils[0], episodes[0].Id, []);
        for (var i = 1; i < pupils.Count; i++)
        {
            session.AddPupil(pupils[i], episodes[i].Id, school.SiteId).IsSuccess.ShouldBeTrue();
        }

        db.WeeklySessions.Add(session);
        await db.SaveChangesAsync();

        var planner = scope.ServiceProvider.GetRequiredService<OccurrencePlanner>();
        var version = TimetableVersion.Accept(school.Id, null, monday,
            [new PlacementDetails(session.Id, DayOfWeek.Monday, null, new TimeOnly(9, 0), new TimeOnly(9, 45), school.RoomId)], null, app.Clock.GetUtcNow().UtcDateTime).Value;
        await planner.ApplyAsync(version, monday);
        return new SessionSchool(app, school, pupils, episodes.Select(e => e.Id).ToList(), session.Id, monday);
    }
}
