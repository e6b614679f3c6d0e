using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Referrals;

/// <summary>
/// A parent's page about their own children: each child's referrals the parent may know of (see
/// <see cref="ReferralConsent.KnownToParent"/>), where each stands in plain words, and the consent
/// the school asked of them, which they give or refuse here. A child behind a restricted link is
/// not shown.
/// </summary>
[Permits(SchoolAction.ViewOwnChildren, OnPost = SchoolAction.GiveConsent)]
public sealed class MyChildrenModel(SecureBaseDb db, PupilAccess access, CurrentUser me, ReferralConsent consent) : PageModel
{
    public sealed record ReferralLine(ReferralId Id, bool MadeByMe, ReferralSource Source, DateTime ReceivedAt, ReferralStatus Status, string? Message, string? RedirectedTo,
        DateTime? ConsentRequestedAt, ConsentAnswer? ConsentAnswer, DateTime? ConsentAnsweredAt);

    public sealed record Child(PupilId Id, string Name, string FirstName, string Year, bool CanAnswer, IReadOnlyList<ReferralLine> Referrals);

    public IReadOnlyList<Child> Children { get; private set; } = [];
    public bool CanRefer => me.Can(SchoolAction.MakeReferral);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConsentAsync(ReferralId? referralId, ConsentAnswer? answer, CancellationToken ct)
    {
        if (referralId is not { } id)
        {
            return NotFound();
        }

        if (answer is not { } a || !Enum.IsDefined(a))
        {
            ModelState.AddModelError(string.Empty, "Choose whether you give your consent");
            await LoadAsync(ct);
            return Page();
        }

        var result = await consent.AnswerAsync(id, a, ct);
        if (result.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (!result.IsSuccess)
        {
            ModelState.AddModelError(string.Empty, result.Error!.Message);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = a == ConsentAnswer.Given
            ? "Thank you: you have given your consent. The therapy team has been told."
            : "You have refused consent. The therapy team has been told and will not go ahead without it.";
        return Redirect("/my-children");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var carerId = me.CarerId ?? default;
        var children = await access.Visible(SchoolAction.ViewOwnChildren).Where(p => p.LeftOn == null)
            .OrderBy(p => p.DateOfBirth)
            .Select(p => new
            {
                p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, p.YearGroup,
                CanAnswer = db.CarerLinks.Any(l => l.PupilId == p.Id && l.CarerId == carerId && !l.IsRestricted && l.ParentalResponsibility),
            })
            .ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var referrals = await ReferralConsent.KnownToParent(db.Referrals.AsNoTracking(), me.UserId)
            .Where(r => ids.Contains(r.PupilId))
            .OrderByDescending(r => r.ReceivedAt)
            .Select(r => new
            {
                r.PupilId,
                Line = new ReferralLine(r.Id, r.ReferrerUserId == me.UserId, r.Source, r.ReceivedAt, r.Status,
                    r.ReferrerUserId == me.UserId && (r.Status == ReferralStatus.Declined || r.Status == ReferralStatus.Redirected) ? r.MessageToReferrer : null,
                    r.RedirectedTo, r.ConsentRequestedAt, r.ConsentAnswer, r.ConsentAnsweredAt),
            })
            .ToListAsync(ct);
        Children = children
            .Select(c => new Child(c.Id, $"{c.First} {c.Last}", c.First, YearGroups.Label(c.YearGroup), c.CanAnswer,
                referrals.Where(r => r.PupilId == c.Id).Select(r => r.Line).ToList()))
            .ToList();
    }
}
