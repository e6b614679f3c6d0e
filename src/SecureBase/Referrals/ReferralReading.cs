using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Referrals;

/// <summary>What the user may see of one referral, and why they are reading it.</summary>
public sealed record ReferralView(Referral Referral, bool ShowSafeguardingDetails, bool ShowCurrentTherapy, string Reason, bool BreakGlass);

/// <summary>
/// Who may open which referral, and why. The Head of Therapy (who triages), the DSL, the SENDCo and
/// senior leaders may open any referral of the school; a practitioner the referral of a pupil on
/// their own caseload (the policy table's scope for <see cref="SchoolAction.ViewReferrals"/>).
/// Every opening is audited with its reason: where a relationship explains it (triage, the pupil's
/// own practitioner, the person who made the referral, the DSL with a safeguarding worry) the
/// reason follows from it; where none does, the reader chooses a reason before the record opens
/// (a "break-glass" read, shown as such in the audit log). A safeguarding worry in the referrer's
/// words is shown only to the DSL.
/// </summary>
public sealed class ReferralReading(SecureBaseDb db, CurrentUser me, ConfidentialReads reads)
{
    /// <summary>The referrals the user may open at all.</summary>
    public IQueryable<Referral> Visible()
    {
        var scope = me.ScopeFor(SchoolAction.ViewReferrals);
        if (scope.HasFlag(Scope.School))
        {
            return db.Referrals;
        }

        if ((scope & (Scope.OwnCaseload | Scope.DeliveredBySelf)) != Scope.None && me.StaffId is { } staff)
        {
            return db.Referrals.Where(r => db.Episodes.Any(e => e.PupilId == r.PupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open));
        }

        return db.Referrals.Where(_ => false);
    }

    /// <summary>The relationship that explains why the user reads this referral, or null when they must give a reason.</summary>
    public async Task<string?> RelationshipAsync(Referral r, CancellationToken ct = default)
    {
        if (me.Can(SchoolAction.TriageReferrals))
        {
            return "triage (Head of Therapy)";
        }

        if (r.ReferrerUserId == me.UserId)
        {
            return "their own referral";
        }

        if (me.StaffId is { } staff && await db.Episodes.AnyAsync(e => e.PupilId == r.PupilId && e.StaffId == staff && e.Status == EpisodeStatus.Open, ct))
        {
            return "the pupil's own practitioner";
        }

        if (r.SafeguardingWorry && me.Can(SchoolAction.ViewSafeguardingDetails))
        {
            return "safeguarding worry (DSL)";
        }

        return null;
    }

    /// <summary>
    /// Opens a referral for reading: not found outside the user's scope; a validation error naming
    /// "reason" when no relationship explains the read and no reason was given; otherwise audited and returned.
    /// </summary>
    public async Task<Result<ReferralView>> OpenAsync(ReferralId id, ReadReason? reason, string? otherReason, string channel, CancellationToken ct = default)
    {
        var referral = await Visible().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return new Error.NotFound("That referral was not found.");
        }

        var relationship = await RelationshipAsync(referral, ct);
        var because = await reads.OpenAsync("Referral", id.ToString(), "referral", relationship, reason, otherReason, channel, ct);
        if (!because.IsSuccess)
        {
            return because.Error!;
        }

        var caseload = me.ScopeFor(SchoolAction.ViewCaseload);
        return new ReferralView(referral, me.Can(SchoolAction.ViewSafeguardingDetails), caseload != Scope.None, because.Value, relationship is null);
    }
}
