using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Caseload;

/// <summary>
/// What of the MDT a user sees, from the policy table: the whole team (scope School) every agenda item
/// and action, with safeguarding follow-ups only for those who may see them (Head of Therapy, DSL);
/// a therapy assistant or ELSA (DeliveredBySelf) the items about pupils they work with and the actions they own.
/// </summary>
internal sealed class MdtReach
{
    private readonly bool _followUps;
    private readonly HashSet<PupilId> _pupils;
    private readonly Guid _user;

    private MdtReach(bool whole, bool followUps, HashSet<PupilId> pupils, Guid user)
    {
        WholeMeeting = whole;
        _followUps = followUps;
        _pupils = pupils;
        _user = user;
    }

    public bool WholeMeeting { get; }

    public static async Task<MdtReach> ForAsync(SecureBaseDb db, CurrentUser me)
    {
        var whole = me.ScopeFor(SchoolAction.ViewMdt).HasFlag(Scope.School);
        var pupils = whole || me.StaffId is not { } staff ? []
            : (await db.Episodes.AsNoTracking().Where(e => e.StaffId == staff && e.Status == EpisodeStatus.Open).Select(e => e.PupilId).ToListAsync()).ToHashSet();
        return new MdtReach(whole, me.Can(SchoolAction.ViewSafeguardingFollowUps), pupils, me.UserId);
    }

    public IReadOnlyList<MdtAgendaItem> Agenda(MdtMeeting m) => m.Agenda
        .Where(i => i.Kind != AgendaItemKind.SafeguardingFollowUp || _followUps)
        .Where(i => WholeMeeting || (i.PupilId is { } p && _pupils.Contains(p)))
        .ToList();

    public bool Sees(MdtAction a) => WholeMeeting || a.OwnerUserId == _user;
}
