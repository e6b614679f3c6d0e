using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>The photo itself, for those who may open the pupil's record; never cached by the browser.</summary>
[Permits(SchoolAction.ViewPupilRecord)]
public sealed class PupilPhotoImageModel(PupilAccess access, SecureBaseDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        if (!await access.Visible(SchoolAction.ViewPupilRecord).AnyAsync(p => p.Id == pupilId))
        {
            return NotFound();
        }

        var photo = await db.PupilPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.PupilId == pupilId);
        return photo is null ? NotFound() : File(photo.Bytes, photo.ContentType);
    }
}
