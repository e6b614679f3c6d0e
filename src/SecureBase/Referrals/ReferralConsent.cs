using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Referrals;

/// <summary>
/// Consent to a referral, asked by the therapy team and answered by a parent. Which referrals a
/// parent may know of is one rule (<see cref="KnownToParent"/>): those they made, and those the
/// school has told them of by asking their consent. A parent answers only for a child they are
/// linked to with parental responsibility through a link that is not restricted.
/// </summary>
public sealed class ReferralConsent(SecureBaseDb db, PupilAccess access, CurrentUser me, AuditLog audit, TimeProvider clock, ReferralAlerts alerts)
{
    public const string AskedAudit = "referral.consent-asked";
    public const string AnsweredAudit = "referral.consent-answered";

    /// <summary>The referrals about their children a parent may know of: their own, and those the school asked their consent for.</summary>
    public static IQueryable<Referral> KnownToParent(IQueryable<Referral> referrals, Guid parentUserId) =>
        referrals.Where(r => r.ReferrerUserId == parentUserId || r.ConsentRequestedAt != null);

    public async Task<Result<int>> AskParentsAsync(ReferralId id, CancellationToken ct = default)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return new Error.NotFound("That referral was not found.");
        }

        if ((await alerts.ParentsAsync(referral, ct)).Count == 0)
        {
            return new Error.Conflict("No parent or carer with parental responsibility has a SecureBase account for this pupil; ask them by letter or telephone and record their answer in a team note.");
        }

        var outcome = referral.AskParentsForConsent(clock.GetUtcNow().UtcDateTime);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        var told = await alerts.ConsentRequestedAsync(referral, ct);
        audit.Record(AskedAudit, "Referral", referral.Id.ToString(), detail: $"{told} parent(s) asked");
        await db.SaveChangesAsync(ct);
        return told;
    }

    public async Task<Result<Referral>> AnswerAsync(ReferralId id, ConsentAnswer answer, CancellationToken ct = default)
    {
        var referral = await KnownToParent(db.Referrals, me.UserId).SingleOrDefaultAsync(r => r.Id == id, ct);
        var child = referral is null ? null : await access.FindAsync(referral.PupilId, SchoolAction.GiveConsent, ct);
        if (referral is null || child is null)
        {
            return new Error.NotFound("That referral was not found.");
        }

        var carerId = me.CarerId ?? default;
        if (!await db.CarerLinks.AnyAsync(l => l.PupilId == child.Id && l.CarerId == carerId && !l.IsRestricted && l.ParentalResponsibility, ct))
        {
            return new Error.Forbidden($"Only a parent or carer with parental responsibility for {child.FirstName} can answer for them.");
        }

        var outcome = referral.AnswerConsent(answer, me.UserId, clock.GetUtcNow().UtcDateTime);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        audit.Record(AnsweredAudit, "Referral", referral.Id.ToString(), detail: answer.ToString());
        await alerts.ConsentAnsweredAsync(referral, me.DisplayName, ct);
        await db.SaveChangesAsync(ct);
        return referral;
    }
}
