using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Referrals;

/// <summary>
/// The referrals a user made and where each stands: what a referrer may know, and nothing more about
/// the pupil's therapy. The local authority sees its referrals by the UPN it sent, including those
/// the school office has still to match, so its list never shows whether a UPN is a pupil here.
/// </summary>
public sealed class ReferralHistory(SecureBaseDb db, CurrentUser me)
{
    public const string NotMatchedMessage = "The school could not match this UPN to one of its pupils. Contact the school office.";

    public bool ByUpn => me.Roles.Contains(Role.LocalAuthorityOfficer) && !me.Roles.Contains(Role.Administrator);

    public async Task<IReadOnlyList<(ReferralStatusDto Status, string Pupil)>> MineAsync(CancellationToken ct = default)
    {
        var made = await (from r in db.Referrals.AsNoTracking()
                          join p in db.Pupils on r.PupilId equals p.Id
                          where r.ReferrerUserId == me.UserId
                          select new { r, p.Upn, Name = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName) })
            .ToListAsync(ct);
        var lines = made.Select(x => ByUpn ? (ToStatus(x.r, x.Upn), $"UPN {x.Upn}") : (ToStatus(x.r, null), x.Name)).ToList();
        if (ByUpn)
        {
            var waiting = await db.UnmatchedReferrals.AsNoTracking()
                .Where(u => u.ReferrerUserId == me.UserId && u.Resolution != UnmatchedResolution.Matched).ToListAsync(ct);
            lines.AddRange(waiting.Select(u => (new ReferralStatusDto(u.Id.Value, null, u.ReceivedAt,
                u.Resolution is null ? ReferralStatus.Received : ReferralStatus.Closed, null, u.Resolution is null ? null : NotMatchedMessage, u.Upn), $"UPN {u.Upn}")));
        }

        return lines.OrderByDescending(l => l.Item1.ReceivedAt).ToList();
    }

    internal static ReferralStatusDto ToStatus(Referral r, string? upn) => new(r.Id.Value, upn is null ? r.PupilId : null, r.ReceivedAt, r.Status, r.RedirectedTo,
        r.Status is ReferralStatus.Declined or ReferralStatus.Redirected ? r.MessageToReferrer : null, upn);
}
