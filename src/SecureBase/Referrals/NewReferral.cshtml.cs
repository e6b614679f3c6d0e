using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>
/// The referral form for staff (find the pupil, then describe the need) and for parents (choose
/// which of their children). The local authority's referrals are entered here by the school office.
/// </summary>
[Permits(SchoolAction.MakeReferral)]
public sealed class NewReferralModel(ReferralIntake intake, PupilAccess access, PupilDirectory directory, CurrentUser me) : PageModel
{
    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Name or UPN")]
    [SchoolText(100)]
    public string? Search { get; set; }

    public IReadOnlyList<PupilListRow>? Found { get; private set; }
    public IReadOnlyList<(PupilId Id, string Name)> Children { get; private set; } = [];
    public string? PupilName { get; private set; }
    public bool IsParent => me.Roles.Count == 1 && me.Roles.Contains(Role.ParentCarer);
    public bool IsOffice => me.Roles.Contains(Role.Administrator);

    /// <summary>A local authority officer refers by UPN and never sees which pupils the school has.</summary>
    public bool IsAuthority => me.Roles.Contains(Role.LocalAuthorityOfficer);

    public async Task<IActionResult> OnGetAsync(PupilId? pupilId)
    {
        Input.SubmissionKey = Guid.NewGuid();
        return await PrepareAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFindAsync()
    {
        ModelState.Clear();
        if (!IsParent && !IsAuthority && !string.IsNullOrWhiteSpace(Search) && Search.Length <= 100)
        {
            Found = (await directory.ListAsync(new PupilFilter(Search: Search), HttpContext.RequestAborted)).Rows;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            if (IsAuthority)
            {
                var receipt = await intake.SubmitFromAuthorityAsync(Input, HttpContext.RequestAborted);
                if (receipt.IsSuccess)
                {
                    TempData["Notice"] = $"Your referral for UPN {receipt.Value.Upn} has been received by the school.";
                    return Redirect("/referrals/mine");
                }

                ModelState.AddErrors(receipt.Error!, "Input");
                return Page();
            }

            var result = await intake.SubmitAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"Your referral for {PupilName ?? "the pupil"} has been sent to the Head of Therapy. You can follow it here.";
                if (result.Value.SafeguardingWorry)
                {
                    TempData["Safeguarding"] = "true";
                }

                return Redirect("/referrals/mine");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        await PrepareAsync(Input.PupilId);
        return Page();
    }

    private async Task<bool> PrepareAsync(PupilId? pupilId)
    {
        if (IsAuthority)
        {
            // Whatever pupil is named in the address, the authority sees the same form: it learns nothing about who attends.
            Input.PupilId = null;
            return true;
        }

        if (IsParent)
        {
            Children = (await access.Visible(SchoolAction.MakeReferral).Where(p => p.LeftOn == null)
                    .Select(p => new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).ToListAsync())
                .Select(c => (c.Id, $"{c.F} {c.L}")).ToList();
            if (pupilId is null && Children.Count == 1)
            {
                pupilId = Children[0].Id;
            }
        }

        if (pupilId is { } id)
        {
            var pupil = await access.FindAsync(id, SchoolAction.MakeReferral);
            if (pupil is null)
            {
                if (IsParent)
                {
                    ModelState.AddModelError(string.Empty, "You can only refer a child you are linked to as their parent or carer.");
                    return true;
                }

                return false;
            }

            Input.PupilId = id;
            PupilName = pupil.DisplayName;
        }

        return true;
    }
}
