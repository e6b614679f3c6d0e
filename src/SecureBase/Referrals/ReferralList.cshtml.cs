using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Referrals;

/// <summary>Every referral of the school: those waiting for a decision first.</summary>
[Permits(SchoolAction.ViewReferrals)]
public sealed class ReferralListModel(SecureBaseDb db, ReferralReading reading) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReferralStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<ReferralRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var q = from r in reading.Visible() join p in db.Pupils on r.PupilId equals p.Id select new { r, p };
        if (Status is { } s && Enum.IsDefined(s))
        {
            q = q.Where(x => x.r.Status == s);
        }
        else if (!All)
        {
            q = q.Where(x => x.r.Status == ReferralStatus.Received || x.r.Status == ReferralStatus.UnderReview);
        }

        Rows = (await q.OrderBy(x => x.r.ReceivedAt).Take(500)
                .Select(x => new ReferralRow(x.r.Id, (x.p.PreferredFirstName ?? x.p.LegalFirstName) + " " + (x.p.PreferredLastName ?? x.p.LegalLastName), x.r.ReceivedAt,
                    x.r.Source, x.r.Reasons, x.r.Urgency, x.r.Status, x.r.Priority, x.r.PossibleDuplicateOf != null, x.r.SafeguardingWorry, x.r.PreviousEpisodeId != null))
                .ToListAsync())
            .OrderByDescending(r => r.Urgency).ThenBy(r => r.ReceivedAt).ToList();
    }
}
