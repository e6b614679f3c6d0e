using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Sessions;

/// <summary>The demo school holds a term of realistic session history, with one pupil nearing the disengagement limit.</summary>
public sealed class DemoSessionsTests
{
    [Fact]
    public async Task TheDemoSchool_HasATermOfSessions_WithEveryAttendanceCode_DeliveredEhcpMinutes_AndOnePupilNearingTheLimitOnTheMdtAgenda()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var today = SchoolTime.London.Today(app.Clock);
        var calendar = await SchoolCalendar.LoadAsync(db);

        var sessions = await db.TherapySessions.AsNoTracking().ToListAsync();
        sessions.ShouldNotBeEmpty();
        sessions.ShouldAllBe(s => s.Date < today);
        // This term, or in a holiday the term just ended (SECUREBASE_TEST_NOW=2026-12-21T10:00:00Z: the autumn term).
        var term = calendar.YearOf(today)!.Terms.Last(t => t.First.FirstDay <= today);
        var weeks = sessions.Select(s => SchoolDates.MondayOf(s.Date)).Distinct().ToList();
        weeks.Min().ShouldBeLessThanOrEqualTo(SchoolDates.MondayOf(term.First.FirstDay).AddDays(7), "the history starts with the term");
        weeks.Count.ShouldBe(calendar.SchoolWeeksBetween(weeks.Min(), today.AddDays(-1)).Count, "every school week of the term so far has sessions");

        var members = sessions.SelectMany(s => s.Members.Select(m => (Session: s, Member: m))).ToList();
        members.Select(m => m.Member.Attendance).Distinct().Order().ShouldBe(Enum.GetValues<Attendance>());
        members.Count(m => m.Member.Attendance == Attendance.Attended).ShouldBeGreaterThan(members.Count / 2, "most sessions were attended");
        members.Where(m => m.Member.Attendance == Attendance.Attended).Select(m => m.Member.Engagement).Distinct().Count().ShouldBeGreaterThan(2, "engagement varies");
        members.Where(m => m.Member.Attendance == Attendance.DisplacedFromRoom).ShouldAllBe(m => m.Session.DisplacementId != null);
        (await db.SessionOccurrences.CountAsync(o => o.Date < today && o.Status != SecureBase.Timetable.OccurrenceStatus.Cancelled))
            .ShouldBeGreaterThanOrEqualTo(sessions.Count, "each session records a past occurrence of the timetable");

        // The confidentiality statement was shown at (or before) each episode's first session.
        var episodes = await db.Episodes.AsNoTracking().ToDictionaryAsync(e => e.Id);
        foreach (var first in members.GroupBy(m => m.Member.EpisodeId).Select(g => (Episode: episodes[g.Key], First: g.Min(m => m.Session.Date))))
        {
            first.Episode.ConfidentialityExplainedOn.ShouldNotBeNull();
            first.Episode.ConfidentialityExplainedOn!.Value.ShouldBeLessThanOrEqualTo(first.First);
        }

        // An EHCP pupil in therapy has delivered minutes of a discipline their plan specifies.
        var ehcpPupils = await db.Pupils.Where(p => p.SenStatus == SenStatus.Ehcp).Select(p => p.Id).ToListAsync();
        var specified = await (from i in db.ProvisionItems join p in db.EhcpPlans on i.PlanId equals p.Id select new { p.PupilId, i.Discipline }).ToListAsync();
        members.Where(m => m.Member.Attendance == Attendance.Attended && ehcpPupils.Contains(m.Member.PupilId)
                           && specified.Any(s => s.PupilId == m.Member.PupilId && s.Discipline == m.Session.Discipline))
            .Sum(m => m.Member.Minutes).ShouldBeGreaterThan(0);

        // One pupil at 3 refusals: warned, on the MDT agenda; nobody closed or past the limit silently.
        var nearing = episodes.Values.Where(e => e.RefusedWeeks >= 3).ShouldHaveSingleItem();
        (nearing.Status, nearing.RefusedWeeks).ShouldBe((EpisodeStatus.Open, 3));
        episodes.Values.ShouldNotContain(e => e.DischargeReason == DischargeReason.Disengagement);
        var therapist = await db.StaffMembers.SingleAsync(s => s.Id == nearing.StaffId);
        (await db.Notifications.CountAsync(n => n.UserId == therapist.UserId && n.DedupeKey.StartsWith("disengagement-warn:" + nearing.Id))).ShouldBe(1);
        var agenda = await scope.ServiceProvider.GetRequiredService<MdtMeetings>().DraftAgendaAsync(today);
        agenda.ShouldContain(i => i.Kind == AgendaItemKind.NearingDisengagement && i.PupilId == nearing.PupilId);
    }
}
