using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
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

    /// <summary>Referrals per page: a school's whole queue fits on one; "All" after some years does not.</summary>
    public const int PageSize = 100;

    public IReadOnlyList<ReferralRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    private Paging _paging = Paging.Of(1, 0, PageSize);

    public int PageNumber => _paging.Page;

    public int Pages => _paging.Pages;

    internal Web.PagerView Pager => new("Pages of referrals", _paging, PageLink);

    /// <summary>Whether the list is the queue waiting for a decision (most urgent, then longest waiting, first) rather than a record (newest first).</summary>
    public bool Queue => Status is null && !All || Status is ReferralStatus.Received or ReferralStatus.UnderReview;

    public async Task OnGetAsync()
    {
        if (Status is { } asked && !Enum.IsDefined(asked))
        {
            Status = null;
        }

        var q = from r in reading.Visible() join p in db.Pupils on r.PupilId equals p.Id select new { r, p };
        if (Status is { } s)
        {
            q = q.Where(x => x.r.Status == s);
        }
        else if (!All)
        {
            q = q.Where(x => x.r.Status == ReferralStatus.Received || x.r.Status == ReferralStatus.UnderReview);
        }

        Total = await q.CountAsync();
        _paging = Paging.Of(Paging.Requested(Request.Query["page"]), Total, PageSize);
        var ordered = Queue
            ? q.OrderBy(x => x.r.Urgency == ReferralUrgency.Urgent ? 0 : x.r.Urgency == ReferralUrgency.Soon ? 1 : 2).ThenBy(x => x.r.ReceivedAt).ThenBy(x => x.r.Id)
            : q.OrderByDescending(x => x.r.ReceivedAt).ThenBy(x => x.r.Id);
        Rows = await ordered.Skip(_paging.Skip).Take(PageSize)
            .Select(x => new ReferralRow(x.r.Id, (x.p.PreferredFirstName ?? x.p.LegalFirstName) + " " + (x.p.PreferredLastName ?? x.p.LegalLastName), x.r.ReceivedAt,
                x.r.Source, x.r.Reasons, x.r.Urgency, x.r.Status, x.r.Priority, x.r.PossibleDuplicateOf != null, x.r.SafeguardingWorry, x.r.PreviousEpisodeId != null))
            .ToListAsync();
    }

    /// <summary>The address of another page of the same view.</summary>
    public string PageLink(int page) =>
        "/referrals?" + (Status is { } s ? $"status={s}&" : All ? "all=true&" : "") + $"page={page}";
}
