using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Reports;

/// <summary>An episode a report can be written on, with its reports so far.</summary>
internal sealed record EpisodeReports(Episode Episode, Pupil Pupil, ReportCircle Circle, IReadOnlyList<Report> Reports, DateOnly Today);

/// <summary>A report as opened by one reader.</summary>
internal sealed record ReportReading(Report Report, ReportFacts Facts, ReportDocument Document, bool IsTherapyTeam, bool CanApprove, int? NewerApprovedVersion);

/// <summary>An EHCP pupil whose annual review falls in the half term, and their approved contribution if there is one.</summary>
internal sealed record AnnualReviewDue(PupilId PupilId, string Pupil, DateOnly ReviewDue, Report? Contribution);

internal sealed record AnnualReviewBatch(string HalfTerm, DateOnly From, DateOnly To, IReadOnlyList<AnnualReviewDue> Due)
{
    public IReadOnlyList<Report> Ready => Due.Where(d => d.Contribution is not null).Select(d => d.Contribution!).ToList();
}

/// <summary>
/// Reports: written by the therapy team from the structured record and their summary, approved by the
/// practitioner or the Head of Therapy, read by their audience only once approved. Every read is audited.
/// </summary>
internal sealed class ReportDesk(
    SecureBaseDb db,
    PupilAccess access,
    CurrentUser me,
    ConfidentialReads reads,
    AuditLog audit,
    ReportFactsBuilder facts,
    TimeProvider clock, Schools.SchoolClock schoolClock)
{
    public const string Written = "report.written";
    public const string Approved = "report.approved";
    public const string NewVersion = "report.new-version";
    public const string BatchDownloaded = "report.batch-downloaded";

    private static readonly Error NotFound = new Error.NotFound("That report was not found.");

    /// <summary>The episode if the user writes reports for its pupil (their own caseload, or the Head of Therapy any); otherwise null.</summary>
    public async Task<EpisodeReports?> EpisodeAsync(EpisodeId episodeId, CancellationToken ct)
    {
        var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == episodeId, ct);
        if (episode is null || await access.FindAsync(episode.PupilId, SchoolAction.WriteReport, ct) is not { } pupil
            || (!me.ScopeFor(SchoolAction.WriteReport).HasFlag(Scope.School) && episode.StaffId != me.StaffId))
        {
            return null;
        }

        var reports = await db.Reports.AsNoTracking().Where(r => r.EpisodeId == episodeId).ToListAsync(ct);
        return new EpisodeReports(episode, pupil, await CircleAsync(pupil, ct), reports.OrderBy(r => r.WrittenAt).ThenBy(r => r.Version).ToList(), await TodayAsync(ct));
    }

    public async Task<Result<Report>> WriteAsync(EpisodeId episodeId, ReportContent content, CancellationToken ct)
    {
        if (await EpisodeAsync(episodeId, ct) is not { } e)
        {
            return new Error.NotFound("That pupil is not on your caseload.");
        }

        var frozen = await FactsAsync(e, content, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var written = Report.Write(e.Episode.SchoolId, e.Episode.Id, e.Pupil.Id, content, e.Circle, frozen, me.UserId, me.DisplayName, now);
        if (!written.IsSuccess)
        {
            return written.Error!;
        }

        db.Reports.Add(written.Value);
        audit.Record(Written, nameof(Report), written.Value.Id.ToString(), detail: ReportWords.Of(written.Value.Kind));
        await db.SaveChangesAsync(ct);
        return written.Value;
    }

    /// <summary>Edits a draft in place; an approved report gets a new version (a draft) and stays as approved.</summary>
    public async Task<Result<Report>> EditAsync(ReportId id, ReportContent content, CancellationToken ct)
    {
        if (await db.Reports.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report || await EpisodeAsync(report.EpisodeId, ct) is not { } e)
        {
            return NotFound;
        }

        if (await db.Reports.AnyAsync(r => r.SeriesId == report.SeriesId && r.Version > report.Version, ct))
        {
            return new Error.Conflict($"There is a newer version of this report: edit version {await db.Reports.Where(r => r.SeriesId == report.SeriesId).MaxAsync(r => r.Version, ct)} instead.");
        }

        var frozen = await FactsAsync(e, content with { Kind = report.Kind }, ct);
        var edited = report.Edit(content, e.Circle, frozen, me.UserId, me.DisplayName, clock.GetUtcNow().UtcDateTime);
        if (!edited.IsSuccess)
        {
            return edited.Error!;
        }

        if (!ReferenceEquals(edited.Value, report))
        {
            db.Reports.Add(edited.Value);
            audit.Record(NewVersion, nameof(Report), edited.Value.Id.ToString(), detail: $"version {edited.Value.Version} of {report.SeriesId}");
        }
        else
        {
            audit.Record(Written, nameof(Report), report.Id.ToString(), detail: "draft changed");
        }

        await db.SaveChangesAsync(ct);
        return edited.Value;
    }

    /// <summary>Approves a draft: the practitioner who holds the episode, or the Head of Therapy.</summary>
    public async Task<Result<Report>> ApproveAsync(ReportId id, CancellationToken ct)
    {
        if (await db.Reports.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report || await EpisodeAsync(report.EpisodeId, ct) is not { } e
            || !me.Can(SchoolAction.ApproveReport))
        {
            return NotFound;
        }

        var content = new ReportContent(report.Kind, report.PeriodFrom, report.PeriodTo, report.Summary, report.Recommendations, report.Audience, report.OtherProfessionals);
        var approved = report.Approve(await FactsAsync(e, content, ct), me.UserId, me.DisplayName, clock.GetUtcNow().UtcDateTime);
        if (!approved.IsSuccess)
        {
            return approved.Error!;
        }

        audit.Record(Approved, nameof(Report), report.Id.ToString(), detail: $"version {report.Version}");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Opens a report for the user, audited: the therapy team any version (drafts too); anyone else
    /// an approved version shared with them (the SENDCo as school staff, a parent their own child's,
    /// the pupil their own). Null (not found) otherwise.
    /// </summary>
    public async Task<ReportReading?> ReadAsync(ReportId id, string channel, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }

        var team = await IsTherapyTeamAsync(report, ct);
        string relationship;
        if (team)
        {
            relationship = "the pupil's therapy team";
        }
        else
        {
            var groups = await ReaderGroupsAsync(report.PupilId, ct);
            if (!report.IsSharedWith(groups))
            {
                return null;
            }

            relationship = "shared with them: " + ReportWords.List(groups & report.Audience, null).ToLowerInvariant();
        }

        var opened = await reads.OpenAsync(nameof(Report), report.Id.ToString(), "report", relationship, null, null, channel, ct);
        if (!opened.IsSuccess)
        {
            return null;
        }

        var newer = await db.Reports.Where(r => r.SeriesId == report.SeriesId && r.Version > report.Version && r.Status == ReportStatus.Approved)
            .OrderByDescending(r => r.Version).Select(r => (int?)r.Version).FirstOrDefaultAsync(ct);
        var reportFacts = ReportFacts.FromJson(report.Facts);
        return new ReportReading(report, reportFacts, ReportLayout.Document(report, reportFacts), team, team && !report.IsApproved && me.Can(SchoolAction.ApproveReport), newer);
    }

    /// <summary>For a parent: each of their children (unrestricted links) with the approved reports shared with parents, the latest approved version of each.</summary>
    public async Task<IReadOnlyList<(PupilId Id, string Pupil, IReadOnlyList<Report> Reports)>> ForMyChildrenAsync(CancellationToken ct)
    {
        if (!me.ScopeFor(SchoolAction.ViewReport).HasFlag(Scope.OwnChild) || me.CarerId is not { } carer)
        {
            return [];
        }

        var children = await db.Pupils.AsNoTracking()
            .Where(p => db.CarerLinks.Any(l => l.PupilId == p.Id && l.CarerId == carer && !l.IsRestricted))
            .ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var approved = await db.Reports.AsNoTracking().Where(r => ids.Contains(r.PupilId) && r.Status == ReportStatus.Approved).ToListAsync(ct);
        return children.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture)
            .Select(c => (c.Id, c.DisplayName, (IReadOnlyList<Report>)approved
                .Where(r => r.PupilId == c.Id && r.IsSharedWith(ReportAudience.ParentsCarers))
                .GroupBy(r => r.SeriesId).Select(g => g.MaxBy(r => r.Version)!)
                .OrderByDescending(r => r.PeriodTo).ToList()))
            .ToList();
    }

    /// <summary>
    /// The annual-review contributions due this half term: EHCP pupils whose next annual review falls in
    /// it, each with their latest approved contribution shared with school staff or the local authority.
    /// </summary>
    public async Task<AnnualReviewBatch> AnnualReviewsDueAsync(CancellationToken ct)
    {
        var today = await TodayAsync(ct);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var half = calendar.HalfTermOf(today) ?? calendar.Years.SelectMany(y => y.HalfTerms).Where(h => h.FirstDay > today).OrderBy(h => h.FirstDay).FirstOrDefault();
        var (from, to, label) = half is null
            ? (today, today.AddDays(48), "the next seven weeks")
            : (half.FirstDay, half.LastDay, $"{half.Label} ({ReportDates.Long(half.FirstDay)} to {ReportDates.Long(half.LastDay)})");
        var plans = await db.EhcpPlans.AsNoTracking().Where(p => p.NextReviewDue >= from && p.NextReviewDue <= to).Select(p => new { p.PupilId, p.NextReviewDue }).ToListAsync(ct);
        var ids = plans.Select(p => p.PupilId).ToList();
        var pupils = await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id) && p.LeftOn == null && p.SenStatus == SenStatus.Ehcp).ToListAsync(ct);
        var contributions = await db.Reports.AsNoTracking()
            .Where(r => ids.Contains(r.PupilId) && r.Kind == ReportKind.AnnualReviewContribution && r.Status == ReportStatus.Approved)
            .ToListAsync(ct);
        var due = pupils
            .Select(p => new AnnualReviewDue(
                p.Id,
                p.DisplayName,
                plans.First(x => x.PupilId == p.Id).NextReviewDue,
                contributions.Where(r => r.PupilId == p.Id && r.IsSharedWith(ReportAudience.SchoolStaff | ReportAudience.LocalAuthority)).MaxBy(r => (r.WrittenAt, r.Version))))
            .OrderBy(d => d.ReviewDue).ThenBy(d => d.Pupil, StringComparer.CurrentCulture)
            .ToList();
        return new AnnualReviewBatch(label, from, to, due);
    }

    /// <summary>The batch as one PDF, a contribution per pupil; null when there is none to print (no empty file). The download is audited per report.</summary>
    public async Task<(byte[] Pdf, int Reports)?> AnnualReviewPdfAsync(AnnualReviewBatch batch, CancellationToken ct)
    {
        var ready = batch.Ready;
        if (ready.Count == 0)
        {
            return null;
        }

        foreach (var r in ready)
        {
            audit.Record(BatchDownloaded, nameof(Report), r.Id.ToString(), "annual review batch: downloaded as one PDF");
        }

        await db.SaveChangesAsync(ct);
        return (ReportPdf.ToBytes(ready.Select(r => ReportLayout.Document(r, ReportFacts.FromJson(r.Facts)))), ready.Count);
    }

    private async Task<bool> IsTherapyTeamAsync(Report report, CancellationToken ct)
    {
        var scope = me.ScopeFor(SchoolAction.WriteReport);
        if (scope.HasFlag(Scope.School))
        {
            return true;
        }

        return scope.HasFlag(Scope.OwnCaseload) && me.StaffId is { } staff
            && await db.Episodes.AnyAsync(e => e.PupilId == report.PupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open, ct);
    }

    /// <summary>Which audiences the user belongs to for this pupil.</summary>
    private async Task<ReportAudience> ReaderGroupsAsync(PupilId pupil, CancellationToken ct)
    {
        var scope = me.ScopeFor(SchoolAction.ViewReport);
        var groups = ReportAudience.None;
        if (scope.HasFlag(Scope.School))
        {
            groups |= ReportAudience.SchoolStaff;
        }

        if (scope.HasFlag(Scope.OwnChild) && me.CarerId is { } carer && await db.CarerLinks.AnyAsync(l => l.PupilId == pupil && l.CarerId == carer && !l.IsRestricted, ct))
        {
            groups |= ReportAudience.ParentsCarers;
        }

        if (scope.HasFlag(Scope.Self) && me.PupilId == pupil)
        {
            groups |= ReportAudience.Pupil;
        }

        return groups;
    }

    private async Task<ReportCircle> CircleAsync(Pupil pupil, CancellationToken ct) => new(
        pupil.DisplayName,
        await db.CarerLinks.AnyAsync(l => l.PupilId == pupil.Id && !l.IsRestricted, ct),
        pupil.SenStatus == SenStatus.Ehcp && await db.EhcpPlans.AnyAsync(p => p.PupilId == pupil.Id, ct),
        pupil.CareExperienced);

    private async Task<string> FactsAsync(EpisodeReports e, ReportContent content, CancellationToken ct)
    {
        var from = content.PeriodFrom ?? e.Episode.StartDate;
        var to = content.PeriodTo ?? e.Today;
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return (await facts.BuildAsync(e.Episode, e.Pupil, content.Kind ?? ReportKind.HalfTermlyProgress, from, to, e.Today, ct)).ToJson();
    }

    private async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        return schoolClock.Today;
    }
}
