using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Reports;

/// <summary>An approved report shared with a pupil's parents, as other modules may name it: its title and dates, never its text.</summary>
public sealed record SharedReportTitle(string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly ApprovedOn);

/// <summary>
/// The Reports module's published read for what a family may already have been given (the parents' evening sheet):
/// the latest approved version of each report about a pupil that is shared with parents and carers. The caller decides
/// who may see it.
/// </summary>
public interface IFamilyReports
{
    Task<IReadOnlyList<SharedReportTitle>> SharedWithParentsAsync(PupilId pupil, CancellationToken ct);
}

internal sealed class FamilyReports(SecureBaseDb db) : IFamilyReports
{
    public async Task<IReadOnlyList<SharedReportTitle>> SharedWithParentsAsync(PupilId pupil, CancellationToken ct)
    {
        var approved = await db.Reports.AsNoTracking().Where(r => r.PupilId == pupil && r.Status == ReportStatus.Approved).ToListAsync(ct);
        return approved.Where(r => r.IsSharedWith(ReportAudience.ParentsCarers))
            .GroupBy(r => r.SeriesId).Select(g => g.MaxBy(r => r.Version)!)
            .OrderByDescending(r => r.PeriodTo)
            .Select(r => new SharedReportTitle(ReportWords.Of(r.Kind), r.PeriodFrom, r.PeriodTo, DateOnly.FromDateTime(r.ApprovedAt!.Value)))
            .ToList();
    }
}
