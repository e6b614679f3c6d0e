using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Web;

namespace SecureBase.Referrals;

/// <summary>
/// One referral in full, with the Head of Therapy's decisions. A reader whom no relationship explains
/// chooses a reason first (<see cref="ReferralReading"/>); the safeguarding worry's words show only to the DSL.
/// </summary>
[Permits(SchoolAction.ViewReferrals, OnPost = SchoolAction.TriageReferrals)]
public sealed class ReferralDetailModel(SecureBaseDb db, ReferralDecisions decisions, ReferralReading reading, ReferralConsent consent, CurrentUser me, Schools.SchoolClock schoolClock) : PageModel
{
    public Referral Referral { get; private set; } = null!;
    public Pupils.Pupil Pupil { get; private set; } = null!;
    public string? DuplicateOf { get; private set; }
    public string? PreviousEpisode { get; private set; }
    public IReadOnlyList<string> CurrentTherapy { get; private set; } = [];
    public bool ShowSafeguardingDetails { get; private set; }

    /// <summary>No relationship explains this read: the page asks why before the referral opens.</summary>
    public bool AskWhy { get; private set; }
    public string? ReadProblem { get; private set; }

    /// <summary>The consent the referral has, in words: given by the referrer, asked of the parents, or a parent's answer.</summary>
    public string ConsentText { get; private set; } = "";

    public bool CanAskConsent => CanDecide && Referral.ConsentRequestedAt is null && Referral.Source != ReferralSource.ParentCarer
                                 && (Referral.IsOpen || Referral.Status == ReferralStatus.Allocated);
    public bool CanDecide => me.Can(SchoolAction.TriageReferrals);
    public bool CanAllocate => me.Can(SchoolAction.AllocateTherapist);

    [BindProperty(SupportsGet = true)]
    public Audit.ReadReason? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReasonOther { get; set; }

    [BindProperty]
    public ReferralDecisionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(ReferralId referralId)
    {
        // Every opening of a referral is recorded, with why (its description can hold a family's circumstances).
        var opened = await reading.OpenAsync(referralId, Reason, ReasonOther, "page", HttpContext.RequestAborted);
        if (opened.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (opened.Error is Error.Validation invalid)
        {
            AskWhy = true;
            ReadProblem = Reason is null ? null : invalid.Message;
            Pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == db.Referrals.Where(r => r.Id == referralId).Select(r => r.PupilId).Single());
            return Page();
        }

        ShowSafeguardingDetails = opened.Value.ShowSafeguardingDetails;
        return await LoadAsync(opened.Value.Referral, opened.Value.ShowCurrentTherapy) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(ReferralId referralId)
    {
        if (ModelState.IsValid)
        {
            var result = await decisions.DecideAsync(referralId, Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"Decision saved: the referral is now {Referral.StatusWords(result.Value.Status)}.";
                return Redirect($"/referrals/{referralId}");
            }

            if (result.Error is Error.NotFound)
            {
                return NotFound();
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        var current = await reading.Visible().AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId);
        ShowSafeguardingDetails = me.Can(SchoolAction.ViewSafeguardingDetails);
        return current is not null && await LoadAsync(current, showTherapy: true) ? Page() : NotFound();
    }

    /// <summary>Asks the pupil's parents for their consent: they are told, and see the referral on their page.</summary>
    public async Task<IActionResult> OnPostAskConsentAsync(ReferralId referralId)
    {
        var result = await consent.AskParentsAsync(referralId, HttpContext.RequestAborted);
        if (result.Error is Error.NotFound)
        {
            return NotFound();
        }

        if (result.IsSuccess)
        {
            TempData["Notice"] = result.Value == 1 ? "The parent has been asked for consent." : $"{result.Value} parents have been asked for consent.";
            return Redirect($"/referrals/{referralId}");
        }

        ModelState.AddModelError(string.Empty, result.Error!.Message);
        var current = await reading.Visible().AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId);
        ShowSafeguardingDetails = me.Can(SchoolAction.ViewSafeguardingDetails);
        return current is not null && await LoadAsync(current, showTherapy: true) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Referral referral, bool showTherapy)
    {
        Referral = referral;
        Pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == referral.PupilId);
        if (referral.PossibleDuplicateOf is { } dup)
        {
            DuplicateOf = (await db.Referrals.AsNoTracking().Where(r => r.Id == dup).Select(r => new { r.ReceivedAt, r.Status }).ToListAsync())
                .Select(r => $"received {r.ReceivedAt:d MMMM yyyy}, {Referral.StatusWords(r.Status)}").SingleOrDefault();
        }

        if (referral.PreviousEpisodeId is { } ep)
        {
            PreviousEpisode = (await db.Episodes.AsNoTracking().Where(e => e.Id == ep).Select(e => new { e.Discipline, e.StartDate, e.EndDate }).ToListAsync())
                .Select(e => $"{Disciplines.InSentence(e.Discipline)} from {e.StartDate:d MMM yyyy} to {e.EndDate:d MMM yyyy}").SingleOrDefault();
        }

        // Which therapy a pupil is in is caseload information: the Head of Therapy and the pupil's own practitioners.
        CurrentTherapy = !showTherapy ? [] : (await (from e in db.Episodes
                                 join s in db.StaffMembers on e.StaffId equals s.Id
                                 where e.PupilId == referral.PupilId && e.Status == Caseload.EpisodeStatus.Open
                                 select new { e.Discipline, s.FirstName, s.LastName }).ToListAsync())
            .Select(e => $"{Disciplines.Name(e.Discipline)} with {e.FirstName} {e.LastName}").ToList();
        Input.Version = referral.Version;
        ConsentText = await ConsentWordsAsync(referral);
        return true;
    }

    private async Task<string> ConsentWordsAsync(Referral r)
    {
        string Day(DateTime at) => schoolClock.ToLocal(at).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (r.ConsentAnswer is { } answer)
        {
            var who = await db.Users.AsNoTracking().Where(u => u.Id == r.ConsentAnsweredBy).Select(u => u.DisplayName).SingleOrDefaultAsync() ?? "A parent";
            return $"{(answer == ConsentAnswer.Given ? "Given" : "Refused")} by {who} (parent) on {Day(r.ConsentAnsweredAt!.Value)}";
        }

        if (r.ConsentRequestedAt is { } asked)
        {
            return $"Asked of the parents on {Day(asked)}; no answer yet";
        }

        return r.ConsentGiven ? "Given" : "Not yet given";
    }
}
