using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Imports;

/// <summary>
/// Import the pupils' lessons from the school's information system: choose the file, see what will
/// happen (whose lessons are new, replaced, unchanged, and every rejected line), then confirm. The
/// checked file waits in the database as a <see cref="PendingLessonImport"/> until then.
/// </summary>
[Permits(SchoolAction.ImportData)]
public sealed class LessonImportPageModel(LessonImport import, SecureBaseDb db, CurrentUser user, TimeProvider clock, IOptions<SecureBaseOptions> options) : PageModel
{
    [BindProperty]
    [Display(Name = "Lessons file")]
    public IFormFile? LessonsFile { get; set; }

    /// <summary>The checked import to confirm or cancel (a form field, never part of the address).</summary>
    [BindProperty]
    public PendingLessonImportId? PendingId { get; set; }

    public LessonImportReport? Report { get; private set; }

    public PendingLessonImportId? ReadyToConfirm { get; private set; }

    public string MaxSize => ImportsApi.Megabytes(options.Value.MaxUploadBytes);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingLessonImports.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }

    /// <summary>Checks the file and shows what importing it would do; nothing changes.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (LessonsFile is null)
        {
            ModelState.AddModelError(nameof(LessonsFile), "Choose the lessons file to import");
            return Page();
        }

        var max = options.Value.MaxUploadBytes;
        if (LessonsFile.Length > max)
        {
            ModelState.AddModelError(nameof(LessonsFile), $"The lessons file is {ImportsApi.Megabytes(LessonsFile.Length)}: the largest file SecureBase accepts is {ImportsApi.Megabytes(max)}");
            return Page();
        }

        var content = new byte[LessonsFile.Length];
        await using (var stream = LessonsFile.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var name = FileName(LessonsFile.FileName);
        Report = await import.RunAsync(name, content, dryRun: true, ct);
        if (Report.IsRejected)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingLessonImports.Where(p => p.ExpiresAt < now || p.UserId == user.UserId).ExecuteDeleteAsync(ct);
        var pending = PendingLessonImport.Create(user.SchoolId, user.UserId, name, content, now);
        db.PendingLessonImports.Add(pending);
        await db.SaveChangesAsync(ct);
        ReadyToConfirm = pending.Id;
        return Page();
    }

    /// <summary>Imports the file checked a moment ago, checking it again: pupils or periods may have changed meanwhile.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var pending = await FindPendingAsync(ct);
        if (pending is null)
        {
            ModelState.AddModelError(string.Empty, "That file is no longer waiting to be imported (it is kept for 30 minutes): choose it again");
            return Page();
        }

        db.PendingLessonImports.Remove(pending);
        Report = await import.RunAsync(pending.FileName, pending.Content, dryRun: false, ct);
        if (!Report.Imported)
        {
            return Page();
        }

        TempData["Notice"] = $"Imported. {Report.Summary}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (await FindPendingAsync(ct) is { } pending)
        {
            db.PendingLessonImports.Remove(pending);
            await db.SaveChangesAsync(ct);
        }

        TempData["Notice"] = "Nothing was imported.";
        return RedirectToPage();
    }

    private async Task<PendingLessonImport?> FindPendingAsync(CancellationToken ct)
    {
        if (PendingId is not { } id)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.PendingLessonImports.SingleOrDefaultAsync(p => p.Id == id && p.UserId == user.UserId, ct);
        return pending is null || pending.HasExpired(now) ? null : pending;
    }

    private static string FileName(string? uploaded) =>
        string.IsNullOrWhiteSpace(Path.GetFileName((uploaded ?? "").Replace('\\', '/'))) ? "lessons.csv" : ImportsApi.SafeFileName(uploaded, ImportKind.Pupils);
}
