using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Sessions;

// The demo's reports live with the reports module (its entity is internal to it); the file sits with the other demo data.
namespace SecureBase.Reports;

/// <summary>
/// Demo reports (issue 12): an approved half-termly progress report for the demo parent's child (shared
/// with parents and school staff), and an approved annual review contribution for an EHCP pupil in
/// therapy (shared with school staff and the local authority), written from the demo's record.
/// </summary>
public static class DemoReports
{
    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, DateTime now, bool full, CancellationToken ct)
    {
        if (!full)
        {
            return;
        }

        var open = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open && e.StartDate < today).OrderBy(e => e.StartDate).ToListAsync(ct);
        var withAccount = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted && db.Carers.Any(c => c.Id == l.CarerId && c.UserId != null)).Select(l => l.PupilId).ToListAsync(ct);
        var withParents = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted).Select(l => l.PupilId).Distinct().ToListAsync(ct);
        var ehcp = await db.Pupils.AsNoTracking().Where(p => p.SenStatus == SenStatus.Ehcp && p.LeftOn == null && db.EhcpPlans.Any(x => x.PupilId == p.Id)).Select(p => p.Id).ToListAsync(ct);

        var halfTermly = open.FirstOrDefault(e => withAccount.Contains(e.PupilId)) ?? open.FirstOrDefault(e => withParents.Contains(e.PupilId));
        // The SENDCo's batch is this half term's reviews (as ReportDesk.AnnualReviewsDueAsync reckons it): a contribution for a
        // pupil whose review falls in it, so the batch has something to print, else for the demo parent's child.
        var calendar = await Schools.SchoolCalendar.LoadAsync(db, ct);
        var half = calendar.HalfTermOf(today) ?? calendar.Years.SelectMany(y => y.HalfTerms).Where(h => h.FirstDay > today).OrderBy(h => h.FirstDay).FirstOrDefault();
        var (windowFrom, windowTo) = half is null ? (today, today.AddDays(48)) : (half.FirstDay, half.LastDay);
        var dueNow = await db.EhcpPlans.AsNoTracking().Where(p => p.NextReviewDue >= windowFrom && p.NextReviewDue <= windowTo).Select(p => p.PupilId).ToListAsync(ct);
        var annual = open.FirstOrDefault(e => ehcp.Contains(e.PupilId) && dueNow.Contains(e.PupilId) && withAccount.Contains(e.PupilId))
            ?? open.FirstOrDefault(e => ehcp.Contains(e.PupilId) && dueNow.Contains(e.PupilId))
            ?? open.FirstOrDefault(e => ehcp.Contains(e.PupilId) && withAccount.Contains(e.PupilId)) ?? open.FirstOrDefault(e => ehcp.Contains(e.PupilId));
        var history = new GoalRatingHistory(db);
        var builder = new ReportFactsBuilder(db, new EpisodeAttendance(db), history, [new GoalRatingOutcomes(history), new TomReportOutcomes(new Outcomes.OutcomeSummaries(db))], new DeliveredSessions(db));

        async Task WriteAsync(Episode episode, ReportKind kind, ReportAudience audience, string summary, string recommendations)
        {
            var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == episode.PupilId, ct);
            var author = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Id == episode.StaffId, ct);
            var from = episode.StartDate > today.AddDays(-42) ? episode.StartDate : today.AddDays(-42);
            var facts = (await builder.BuildAsync(episode, pupil, kind, from, today, today, ct)).ToJson();
            var circle = new ReportCircle(pupil.DisplayName, withParents.Contains(pupil.Id), ehcp.Contains(pupil.Id), pupil.CareExperienced);
            var content = new ReportContent(kind, from, today, summary.Replace("{name}", pupil.FirstName, StringComparison.Ordinal), recommendations, audience, null);
            var report = Report.Write(episode.SchoolId, episode.Id, pupil.Id, content, circle, facts, author.UserId ?? Guid.Empty, author.FullName, now).Value;
            report.Approve(facts, author.UserId ?? Guid.Empty, author.FullName, now);
            db.Reports.Add(report);
        }

        if (halfTermly is not null)
        {
            await WriteAsync(halfTermly, ReportKind.HalfTermlyProgress, ReportAudience.ParentsCarers | ReportAudience.SchoolStaff,
                "{name} has come to most sessions this half term and is settling into them. We have been working on naming feelings and asking for help in class, and {name} now uses the feelings chart without being prompted.",
                "Keep the weekly session at the same time; teachers to keep offering the help card in lessons.");
        }

        if (annual is not null)
        {
            await WriteAsync(annual, ReportKind.AnnualReviewContribution, ReportAudience.SchoolStaff | ReportAudience.LocalAuthority,
                "{name} has engaged with therapy this year and has made progress towards the goals agreed. The contribution below sets the provision the plan specifies against what was delivered.",
                "Continue weekly therapy; review whether the plan's provision still fits {name}'s age and needs at this annual review.".Replace("{name}", "the pupil", StringComparison.Ordinal));
        }

        await db.SaveChangesAsync(ct);
    }
}
