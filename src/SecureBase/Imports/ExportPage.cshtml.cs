using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Imports;

/// <summary>Downloads of the school's current pupils, parents and carers, and staff as CSV, in the columns the import reads.</summary>
[Permits(SchoolAction.ExportData)]
public sealed class ExportPageModel(SchoolDataExport export) : PageModel
{
    public void OnGet()
    {
    }

    // Downloads are POSTs: an export of personal data is audited, so a link prefetched or
    // followed by accident must not make one.
    public Task<IActionResult> OnPostPupilsAsync(CancellationToken ct) => DownloadAsync(ImportKind.Pupils, ct);

    public Task<IActionResult> OnPostCarersAsync(CancellationToken ct) => DownloadAsync(ImportKind.Carers, ct);

    public Task<IActionResult> OnPostStaffAsync(CancellationToken ct) => DownloadAsync(ImportKind.Staff, ct);

    private async Task<IActionResult> DownloadAsync(ImportKind kind, CancellationToken ct)
    {
        var csv = await export.ExportAsync(kind, ct);
        return File(csv.Content, "text/csv; charset=utf-8", csv.FileName);
    }
}
