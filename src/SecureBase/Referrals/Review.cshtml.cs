using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>The half-termly review of open referrals by the headteacher and the therapy team.</summary>
[Permits(SchoolAction.ReviewReferrals)]
public sealed class ReviewModel(HalfTermlyReview reviews, SecureBaseDb db, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    public IReadOnlyList<ReviewLine> Lines { get; private set; } = [];
    public IReadOnlyList<ReferralReview> Previous { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.HeldOn = schoolClock.Today;
        Input.Lines = Lines.Select(l => new ReviewLineInput { ReferralId = l.Id, Version = l.Version, Priority = l.Priority }).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await reviews.SaveAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"The review \"{result.Value.Title}\" has been saved with its priorities.";
                return Redirect("/referrals/review");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Lines = await reviews.OpenReferralsAsync(HttpContext.RequestAborted);
        Previous = await db.ReferralReviews.AsNoTracking().OrderByDescending(r => r.HeldOn).Take(6).ToListAsync();
    }
}
