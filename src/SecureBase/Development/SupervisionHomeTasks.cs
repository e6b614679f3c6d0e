using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Development;

/// <summary>The Head of Therapy's "Due now": practitioners overdue for supervision.</summary>
internal sealed class SupervisionHomeTasks(SupervisionDesk desk, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct)
    {
        if (!me.ScopeFor(SchoolAction.ManageSupervision).HasFlag(Scope.School))
        {
            return [];
        }

        var tasks = (await desk.StandingsAsync(today, wholeTeam: true, ct)).Where(s => s.Overdue)
            .Select(s => new HomeTask($"Supervision overdue for {s.Name}",
                s.LastOn is { } last ? $"Last supervised {last:d MMM yyyy}; {SupervisionWords.Frequency(s.Frequency).ToLowerInvariant()} is required" : "No supervision recorded",
                "/supervision", s.NextDue))
            .ToList();
        return tasks;
    }
}

/// <summary>The Head of Therapy's "Due now": requests for individual supervision to answer.</summary>
internal sealed class SupervisionRequestHomeTasks(SupervisionDesk desk, CurrentUser me) : IHomeTasks
{
    public async Task<IReadOnlyList<HomeTask>> ForCurrentUserAsync(DateOnly today, CancellationToken ct) =>
        me.ScopeFor(SchoolAction.ManageSupervision).HasFlag(Scope.School)
            ? (await desk.UnansweredRequestsAsync(ct)).Select(r => new HomeTask($"{r.Who} asks for individual supervision", r.Message, "/supervision", null)).ToList()
            : [];

    public IQueryable<object>? Pending(DateOnly today) =>
        me.ScopeFor(SchoolAction.ManageSupervision).HasFlag(Scope.School) ? desk.Unanswered() : null;
}
