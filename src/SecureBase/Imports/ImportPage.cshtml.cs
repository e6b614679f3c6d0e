using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Imports;

/// <summary>
/// Import from the school's information system: choose the files, see what will happen (new,
/// updated, unchanged, marked as left, and every rejected line), then confirm. The checked files
/// wait in the database as a <see cref="PendingImport"/> until confirmed or cancelled.
/// </summary>
[Permits(SchoolAction.ImportData)]
public sealed class ImportPageModel(SchoolDataImport import, SecureBaseDb db, CurrentUser user, TimeProvider clock, IOptions<SecureBaseOptions> options) : PageModel
{
    [BindProperty]
    public ImportInput Input { get; set; } = new();

    /// <summary>The checked import to confirm or cancel (a form field, never part of the address).</summary>
    [BindProperty]
    public PendingImportId? PendingId { get; set; }

    public ImportReport? Report { get; private set; }

    /// <summary>Set when the report shows nothing rejected and the files wait for confirmation.</summary>
    public PendingImportId? ReadyToConfirm { get; private set; }

    public string MaxSize => ImportsApi.Megabytes(options.Value.MaxUploadBytes);

    /// <summary>Shows the form, and deletes this school's checked files that were never confirmed and have expired.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingImports.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }

    /// <summary>Checks the chosen files and shows what importing them would do.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var files = new List<ImportFile>();
        await AddAsync(files, ImportKind.Pupils, Input.PupilsFile, "Input.PupilsFile", ct);
        await AddAsync(files, ImportKind.Carers, Input.CarersFile, "Input.CarersFile", ct);
        await AddAsync(files, ImportKind.Staff, Input.StaffFile, "Input.StaffFile", ct);
        if (ModelState.IsValid && files.Count == 0)
        {
            ModelState.AddModelError("Input.PupilsFile", "Choose at least one file to import");
        }

        if (Input.MissingPupilsHaveLeft && Input.PupilsFile is null)
        {
            ModelState.AddModelError("Input.MissingPupilsHaveLeft", "Choose the pupils file too: pupils can only be marked as left when the pupils file is imported");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var importOptions = new ImportOptions(Input.MissingPupilsHaveLeft);
        Report = await import.RunAsync(files, importOptions, dryRun: true, ct);
        if (Report.IsRejected)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingImports.Where(p => p.ExpiresAt < now || p.UserId == user.UserId).ExecuteDeleteAsync(ct);
        var pending = PendingImport.Create(user.SchoolId, user.UserId, files, importOptions, now);
        db.PendingImports.Add(pending);
        await db.SaveChangesAsync(ct);
        ReadyToConfirm = pending.Id;
        return Page();
    }

    /// <summary>Imports the files checked a moment ago, checking them again: the school's records may have changed meanwhile.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var pending = await FindPendingAsync(ct);
        if (pending is null)
        {
            ModelState.AddModelError(string.Empty, "Those files are no longer waiting to be imported (they are kept for 30 minutes): choose them again");
            return Page();
        }

        // Deleted in the import's own transaction: when the import fails nothing is saved and the files stay
        // until they expire or are replaced by the next check.
        db.PendingImports.Remove(pending);
        Report = await import.RunAsync(pending.Files, pending.Options, dryRun: false, ct);
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
            db.PendingImports.Remove(pending);
            await db.SaveChangesAsync(ct);
        }

        TempData["Notice"] = "Nothing was imported.";
        return RedirectToPage();
    }

    private async Task<PendingImport?> FindPendingAsync(CancellationToken ct)
    {
        if (PendingId is not { } id)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.PendingImports.SingleOrDefaultAsync(p => p.Id == id && p.UserId == user.UserId, ct);
        return pending is null || pending.HasExpired(now) ? null : pending;
    }

    private async Task AddAsync(List<ImportFile> files, ImportKind kind, IFormFile? upload, string field, CancellationToken ct)
    {
        if (upload is null)
        {
            return;
        }

        var max = options.Value.MaxUploadBytes;
        if (upload.Length > max)
        {
            ModelState.AddModelError(field, $"The {ImportKinds.Name(kind)} file is {ImportsApi.Megabytes(upload.Length)}: the largest file SecureBase accepts is {ImportsApi.Megabytes(max)}");
            return;
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        files.Add(new ImportFile(kind, ImportsApi.SafeFileName(upload.FileName, kind), content));
    }

    public sealed class ImportInput
    {
        [Display(Name = "Pupils file")]
        public IFormFile? PupilsFile { get; set; }

        [Display(Name = "Parents and carers file")]
        public IFormFile? CarersFile { get; set; }

        [Display(Name = "Staff file")]
        public IFormFile? StaffFile { get; set; }

        [Display(Name = "Pupils not in this file have left the school")]
        public bool MissingPupilsHaveLeft { get; set; }
    }
}
