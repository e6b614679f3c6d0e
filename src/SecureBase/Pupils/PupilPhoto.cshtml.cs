using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>Adding, replacing or removing a pupil's photo (the school office).</summary>
[Permits(SchoolAction.ManagePupils)]
[RequestSizeLimit(PupilPhoto.MaxBytes + 64 * 1024)]
public sealed class PupilPhotoModel(PupilAccess access, SecureBaseDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Display(Name = "Photo")]
    public IFormFile? Photo { get; set; }

    public Pupil Pupil { get; private set; } = null!;
    public bool HasPhoto { get; private set; }

    public async Task<IActionResult> OnGetAsync(PupilId pupilId) => await LoadAsync(pupilId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        if (!await LoadAsync(pupilId))
        {
            return NotFound();
        }

        byte[] bytes = [];
        if (Photo is { Length: > 0 and <= PupilPhoto.MaxBytes })
        {
            using var stream = new MemoryStream();
            await Photo.CopyToAsync(stream, HttpContext.RequestAborted);
            bytes = stream.ToArray();
        }
        else if (Photo is { Length: > PupilPhoto.MaxBytes })
        {
            bytes = new byte[PupilPhoto.MaxBytes + 1];
        }

        var photo = PupilPhoto.From(Pupil, bytes, clock.GetUtcNow().UtcDateTime);
        if (!photo.IsSuccess)
        {
            ModelState.AddErrors(photo.Error!, "");
            return Page();
        }

        var existing = await db.PupilPhotos.SingleOrDefaultAsync(p => p.PupilId == pupilId);
        if (existing is null)
        {
            db.PupilPhotos.Add(photo.Value);
        }
        else
        {
            existing.Replace(photo.Value);
        }

        audit.Record(PupilAuditActions.PhotoChanged, "Pupil", pupilId.ToString());
        await db.SaveChangesAsync();
        TempData["Notice"] = "The photo has been saved.";
        return Redirect($"/pupils/{pupilId}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(PupilId pupilId)
    {
        if (!await LoadAsync(pupilId))
        {
            return NotFound();
        }

        if (await db.PupilPhotos.SingleOrDefaultAsync(p => p.PupilId == pupilId) is { } existing)
        {
            db.PupilPhotos.Remove(existing);
            audit.Record(PupilAuditActions.PhotoRemoved, "Pupil", pupilId.ToString());
            await db.SaveChangesAsync();
        }

        TempData["Notice"] = "The photo has been removed.";
        return Redirect($"/pupils/{pupilId}");
    }

    private async Task<bool> LoadAsync(PupilId pupilId)
    {
        var pupil = await access.FindAsync(pupilId, SchoolAction.ManagePupils);
        if (pupil is null)
        {
            return false;
        }

        Pupil = pupil;
        HasPhoto = await db.PupilPhotos.AnyAsync(p => p.PupilId == pupilId);
        return true;
    }
}
