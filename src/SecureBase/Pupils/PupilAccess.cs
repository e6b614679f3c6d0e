using System.Linq.Expressions;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>
/// The pupils an action reaches for the signed-in user, by the policy table's scope: the whole
/// school, their own caseload, sessions they deliver, their own child (unless the link is
/// restricted) or themself. Pages and the API query through this, so a record outside the scope is
/// simply not found.
/// </summary>
public sealed class PupilAccess(SecureBaseDb db, CurrentUser user)
{
    public Scope ScopeFor(SchoolAction action) => user.ScopeFor(action);

    /// <summary>
    /// Whether <paramref name="action"/> reaches every pupil of the school for the user (<see cref="Visible"/> is then the
    /// school's pupils, unfiltered): a page may then read with a query compiled once instead of composing with
    /// <see cref="Visible"/> (the EHCP list). Any rule added to the whole-school case must be added here too.
    /// </summary>
    public bool ReachesWholeSchool(SchoolAction action) => user.ScopeFor(action).HasFlag(Scope.School);

    public IQueryable<Pupil> Visible(SchoolAction action)
    {
        var scope = user.ScopeFor(action);
        if (ReachesWholeSchool(action))
        {
            return db.Pupils;
        }

        var staffId = user.StaffId ?? default;
        var carerId = user.CarerId ?? default;
        var pupilId = user.PupilId ?? default;
        var caseload = scope.HasFlag(Scope.OwnCaseload) || scope.HasFlag(Scope.DeliveredBySelf);
        var ownChild = scope.HasFlag(Scope.OwnChild) && user.CarerId is not null;
        var self = scope.HasFlag(Scope.Self) && user.PupilId is not null;
        if (!caseload && !ownChild && !self)
        {
            return db.Pupils.Where(_ => false);
        }

        // Sessions delivered by a therapy assistant arrive with the sessions module; until then an
        // ELSA's reach is the episodes they hold themselves, like a therapist's caseload.
        Expression<Func<Pupil, bool>> reach = p =>
            (caseload && user.StaffId != null && db.Episodes.Any(e => e.PupilId == p.Id && e.StaffId == staffId && e.Status == EpisodeStatus.Open))
            || (ownChild && db.CarerLinks.Any(l => l.PupilId == p.Id && l.CarerId == carerId && !l.IsRestricted))
            || (self && p.Id == pupilId);
        return db.Pupils.Where(reach);
    }

    /// <summary>
    /// Pupils in a therapy, as far as the user may know it: which pupils are in which therapy is
    /// caseload information, for the Head of Therapy (every caseload) and the pupil's own practitioners
    /// (the episodes they hold). Anyone else finds nobody by it.
    /// </summary>
    public IQueryable<Pupil> InTherapy(Discipline discipline)
    {
        var scope = user.ScopeFor(SchoolAction.ViewCaseload);
        var staffId = user.StaffId ?? default;
        if (scope.HasFlag(Scope.School))
        {
            return db.Pupils.Where(p => db.Episodes.Any(e => e.PupilId == p.Id && e.Discipline == discipline && e.Status == EpisodeStatus.Open));
        }

        if ((scope & (Scope.OwnCaseload | Scope.DeliveredBySelf)) != Scope.None && user.StaffId is not null)
        {
            return db.Pupils.Where(p => db.Episodes.Any(e => e.PupilId == p.Id && e.Discipline == discipline && e.StaffId == staffId && e.Status == EpisodeStatus.Open));
        }

        return db.Pupils.Where(_ => false);
    }

    /// <summary>Whether the user may know which therapies a pupil is in (and so filter by therapy).</summary>
    public bool SeesTherapies => user.ScopeFor(SchoolAction.ViewCaseload) != Scope.None;

    /// <summary>One pupil if the action reaches them, otherwise null ("not found").</summary>
    public Task<Pupil?> FindAsync(PupilId id, SchoolAction action, CancellationToken ct = default) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(Visible(action), p => p.Id == id, ct);
}
