using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

/// <summary>The DSL sends a pupil's child protection file to the DSL of the school the pupil moves to (another school of this installation).</summary>
[Permits(SchoolAction.TransferChildProtectionFile)]
public sealed class SendCpFileModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Pupil")]
    public Guid? PupilId { get; set; }

    [BindProperty]
    [Display(Name = "The school the pupil is moving to")]
    public Guid? ToSchoolId { get; set; }

    [BindProperty]
    [Display(Name = "That school's DSL")]
    public Guid? ToDslUserId { get; set; }

    [BindProperty]
    [Display(Name = "The date the pupil moved")]
    public DateOnly? MovedOn { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Pupils { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Schools { get; private set; } = [];
    internal IReadOnlyList<ReceivingDsl> Receivers { get; private set; } = [];

    private CpTransferDesk Desk => HttpContext.RequestServices.GetRequiredService<CpTransferDesk>();

    public async Task OnGetAsync()
    {
        MovedOn ??= HttpContext.RequestServices.GetRequiredService<Schools.SchoolClock>().Today;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var sent = await Desk.SendAsync(new NewCpTransfer(PupilId is { } p ? SecureBase.Common.PupilId.From(p) : null, ToSchoolId is { } s ? SchoolId.From(s) : null, ToDslUserId, MovedOn),
            HttpContext.RequestAborted);
        if (sent.IsSuccess)
        {
            TempData["Notice"] = $"The child protection file was sent to {sent.Value.ToDslName} at {sent.Value.ToSchoolName}; their DSLs have been told.";
            return Redirect($"/safeguarding/transfers/{sent.Value.Id}");
        }

        if (sent.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(sent.Error!, "");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var db = HttpContext.RequestServices.GetRequiredService<SecureBaseDb>();
        var withConcerns = await (from p in db.Pupils.AsNoTracking()
                                  where db.Concerns.Any(c => c.PupilId == p.Id)
                                  select new { p.Id, F = p.PreferredFirstName ?? p.LegalFirstName, L = p.PreferredLastName ?? p.LegalLastName }).ToListAsync(ct);
        Pupils = withConcerns.Select(p => (p.Id.Value, $"{p.F} {p.L}")).OrderBy(p => p.Item2, StringComparer.CurrentCulture).ToList();
        Schools = (await Desk.OtherSchoolsAsync(ct)).Select(s => (s.Id.Value, s.Name)).ToList();
        Receivers = await Desk.ReceiversAsync(ct);
    }
}
