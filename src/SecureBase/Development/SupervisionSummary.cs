namespace SecureBase.Development;

/// <summary>How many practitioners stand where with supervision: up to date, overdue, or never supervised.</summary>
public sealed record SupervisionCounts(int UpToDate, int Overdue, int NeverRecorded);

/// <summary>
/// The development module's published read of supervision status (issue 12's dashboards): counts over every
/// practitioner in post, on the rules of the supervision page. No names, no notes. No policy check: the caller's.
/// </summary>
public interface ISupervisionSummary
{
    Task<SupervisionCounts> OnAsync(DateOnly today, CancellationToken ct);
}

internal sealed class SupervisionSummary(SupervisionDesk desk) : ISupervisionSummary
{
    public async Task<SupervisionCounts> OnAsync(DateOnly today, CancellationToken ct)
    {
        var standings = await desk.StandingsAsync(today, wholeTeam: true, ct);
        return new SupervisionCounts(standings.Count(s => !s.Overdue), standings.Count(s => s.Overdue && s.LastOn is not null), standings.Count(s => s.LastOn is null));
    }
}
