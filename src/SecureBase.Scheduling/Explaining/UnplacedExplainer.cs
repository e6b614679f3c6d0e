using SecureBase.Scheduling.Model;
using SecureBase.Scheduling.Solutions;

namespace SecureBase.Scheduling.Explaining;

public static class UnplacedExplainer
{
    public static IReadOnlyList<UnplacedSession> ExplainAll(ScheduleInstance instance, IReadOnlyList<Placement> placements)
    {
        var placed = placements.Select(p => p.Session).ToHashSet(StringComparer.Ordinal);
        return instance.Sessions.Where(s => !placed.Contains(s.Id)).Select(s => new UnplacedSession(s.Id, "TODO")).ToList();
    }
}
