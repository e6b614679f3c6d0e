using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Web;

namespace SecureBase.Caseload;

public sealed record CaseloadRow(Guid EpisodeId, PupilId PupilId, string Pupil, string Discipline, string Practitioner, DateOnly Since, Guid? ReferralId);

/// <summary>A practitioner's caseload (the Head of Therapy sees everyone's).</summary>
[Permits(SchoolAction.ViewCaseload)]
public sealed class CaseloadModel(SecureBaseDb db, CurrentUser me) : PageModel
{
    public IReadOnlyList<CaseloadRow> Rows { get; private set; } = [];
    public bool Everyone { get; private set; }
    public bool CanDeclareNotReady => me.Can(SchoolAction.DeclareNotReady);

    public async Task OnGetAsync()
    {
        Everyone = me.ScopeFor(SchoolAction.ViewCaseload).HasFlag(Scope.School);
        var staffId = me.StaffId;
        var q = from e in db.Episodes
                join p in db.Pupils on e.PupilId equals p.Id
                join s in db.StaffMembers on e.StaffId equals s.Id
                where e.Status == EpisodeStatus.Open
                select new { e, p, s };
        if (!Everyone)
        {
            q = staffId is { } id ? q.Where(x => x.e.StaffId == id) : q.Where(_ => false);
        }

        Rows = (await q.OrderBy(x => x.s.LastName).ThenBy(x => x.e.StartDate)
                .Select(x => new { x.e.Id, x.e.PupilId, F = x.p.PreferredFirstName ?? x.p.LegalFirstName, L = x.p.PreferredLastName ?? x.p.LegalLastName, x.e.Discipline, x.s.FirstName, x.s.LastName, x.e.StartDate, x.e.ReferralId })
                .ToListAsync())
            .Select(x => new CaseloadRow(x.Id, x.PupilId, $"{x.F} {x.L}", Staff.Disciplines.Name(x.Discipline), $"{x.FirstName} {x.LastName}", x.StartDate, x.ReferralId))
            .ToList();
    }
}

/// <summary>
/// A therapist's clinical judgement that a pupil is not ready to engage in therapy (West Heath:
/// "therapists reserve the right to make a clinical judgement as to whether a student is ready"):
/// the episode ends and the pupil returns to the waiting list, keeping their place, with the note.
/// </summary>
[Permits(SchoolAction.DeclareNotReady)]
public sealed class NotReadyModel(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, ReferralDecisions decisions) : PageModel
{
    [BindProperty]
    [Display(Name = "Why the pupil is not ready")]
    [Needed]
    [SchoolText(1000, MultiLine = true)]
    public string? Note { get; set; }

    public string Pupil { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid episodeId)
    {
        var found = await FindAsync(episodeId);
        if (found is null)
        {
            return NotFound();
        }

        Pupil = found.Value.Pupil;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid episodeId)
    {
        var found = await FindAsync(episodeId);
        if (found is null)
        {
            return NotFound();
        }

        Pupil = found.Value.Pupil;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var episode = found.Value.Episode;
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = episode.Close(SchoolTime.London.Today(clock), DischargeReason.NotReady, TextRules.Tidy(Note));
        if (!closed.IsSuccess)
        {
            ModelState.AddErrors(closed.Error!, "");
            return Page();
        }

        if (episode.ReferralId is { } rid && await db.Referrals.SingleOrDefaultAsync(r => r.Id == ReferralId.From(rid)) is { } referral)
        {
            var back = referral.ReturnToWaitingList($"Not ready for therapy: {TextRules.Tidy(Note)}", me.UserId, now);
            if (!back.IsSuccess)
            {
                ModelState.AddErrors(back.Error!, "");
                return Page();
            }
        }

        audit.Record(ReferralAuditActions.NotReady, "Episode", episode.Id.ToString());
        var saved = await decisions.SaveAsync(null, HttpContext.RequestAborted);
        if (!saved.IsSuccess)
        {
            ModelState.AddErrors(saved.Error!, "");
            return Page();
        }

        TempData["Notice"] = $"{Pupil} is back on the waiting list, keeping their place, with your note.";
        return Redirect("/caseload");
    }

    private async Task<(Episode Episode, string Pupil)?> FindAsync(Guid episodeId)
    {
        var scope = me.ScopeFor(SchoolAction.DeclareNotReady);
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == episodeId && e.Status == EpisodeStatus.Open);
        if (episode is null || (!scope.HasFlag(Scope.School) && episode.StaffId != me.StaffId))
        {
            return null;
        }

        var name = await db.Pupils.Where(p => p.Id == episode.PupilId).Select(p => (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName)).SingleAsync();
        return (episode, name);
    }
}
