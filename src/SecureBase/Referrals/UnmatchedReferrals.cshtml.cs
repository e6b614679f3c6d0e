using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>
/// Local authority referrals whose UPN matched no current pupil, for the school office to match to a
/// pupil (the referral is then made as sent) or to mark as not a pupil of this school. The office
/// sees who sent it and the UPN, not what the authority wrote (that is for the therapy team).
/// </summary>
[Permits(SchoolAction.MatchReferrals)]
public sealed class UnmatchedReferralsModel(SecureBaseDb db, ReferralIntake intake) : PageModel
{
    public IReadOnlyList<UnmatchedReferral> Waiting { get; private set; } = [];

    [BindProperty]
    public UnmatchedReferralId Id { get; set; }

    [BindProperty]
    public string? Upn { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMatchAsync()
    {
        var result = await intake.MatchAsync(Id, Upn, HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            TempData["Notice"] = "Matched: the referral is now with the Head of Therapy, and the local authority sees it as received.";
            return Redirect("/referrals/unmatched");
        }

        if (result.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(result.Error!, "");
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNotOursAsync()
    {
        var result = await intake.NotOurPupilAsync(Id, HttpContext.RequestAborted);
        if (result.Error is Error.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = result.IsSuccess ? "Marked as not a pupil of this school: the local authority sees that on its list." : result.Error!.Message;
        return Redirect("/referrals/unmatched");
    }

    private async Task LoadAsync() =>
        Waiting = await db.UnmatchedReferrals.AsNoTracking().Where(u => u.Resolution == null).OrderBy(u => u.ReceivedAt).ToListAsync();
}
