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

    /// <summary>From <c>?page=</c>; Razor Pages keeps the route value "page" for itself.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Referrals per page: a school's whole queue fits on one; "All" after some years does not.</summary>
    public const int PageSize = 100;

    public IReadOnlyList<ReferralRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Whether the list is the queue waiting for a decision (most urgent, then longest waiting, first) rather than a record (newest first).</summary>
    public bool Queue => Status is null && !All || Status is ReferralStatus.Received or ReferralStatus.UnderReview;

    public async Task OnGetAsync()
    {
        var q = from r in reading.Visible() join p in db.Pupils on r.PupilId equals p.Id select new { r, p };
        if (Status is { } s && Enum.IsDefined(s))
        {
            q = q.Where(x => x.r.Status == s);
        }
        else if (!All)
        {
            Status = null;
            q = q.Where(x => x.r.Status == ReferralStatus.Received || x.r.Status == ReferralStatus.UnderReview);
        }
        else
        {
            Status = null;
        }

        Total = await q.CountAsync();
        PageNumber = Math.Clamp(int.TryParse(Request.Query["page"], out var n) ? n : 1, 1, Pages);
        var ordered = Queue
            ? q.OrderBy(x => x.r.Urgency == ReferralUrgency.Urgent ? 0 : x.r.Urgency == ReferralUrgency.Soon ? 1 : 2).ThenBy(x => x.r.ReceivedAt).ThenBy(x => x.r.Id)
            : q.OrderByDescending(x => x.r.ReceivedAt).ThenBy(x => x.r.Id);
        Rows = await ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new ReferralRow(x.r.Id, (x.p.PreferredFirstName ?? x.p.LegalFirstName) + " " + (x.p.PreferredLastName ?? x.p.LegalLastName), x.r.ReceivedAt,
                x.r.Source, x.r.Reasons, x.r.Urgency, x.r.Status, x.r.Priority, x.r.PossibleDuplicateOf != null, x.r.SafeguardingWorry, x.r.PreviousEpisodeId != null))
            .ToListAsync();
    }

    /// <summary>The address of another page of the same view.</summary>
    public string PageLink(int page) =>
        "/referrals?" + (Status is { } s ? $"status={s}&" : All ? "all=true&" : "") + $"page={page}";
}
