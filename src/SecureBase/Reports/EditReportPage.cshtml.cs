using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Reports;

/// <summary>Edit a report: a draft changes in place; an approved report is never changed, the edit becomes its next version.</summary>
[Permits(SchoolAction.WriteReport)]
public sealed class EditReportPageModel : PageModel
{
    private ReportDesk Desk => HttpContext.RequestServices.GetRequiredService<ReportDesk>();

    [BindProperty]
    public WriteReportPageModel.ReportForm Input { get; set; } = new();

    internal Report Report { get; private set; } = null!;

    internal EpisodeReports View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(ReportId reportId)
    {
        var reading = await Desk.ReadAsync(reportId, "edit page", HttpContext.RequestAborted);
        if (reading is not { IsTherapyTeam: true } || await Desk.EpisodeAsync(reading.Report.EpisodeId, HttpContext.RequestAborted) is not { } view)
        {
            return NotFound();
        }

        Report = reading.Report;
        View = view;
        if (!HttpMethods.IsPost(Request.Method))
        {
            Input = WriteReportPageModel.ReportForm.From(reading.Report);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(ReportId reportId)
    {
        var edited = await Desk.EditAsync(reportId, Input.ToContent(), HttpContext.RequestAborted);
        if (edited.IsSuccess)
        {
            TempData["Notice"] = edited.Value.Id == reportId
                ? "The draft is changed."
                : $"Version {edited.Value.Version - 1} was approved, so it stays as it was: your changes are version {edited.Value.Version}, a draft to approve.";
            return Redirect($"/reports/{edited.Value.Id}");
        }

        if (edited.Error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(edited.Error!, nameof(Input));
        var page = await OnGetAsync(reportId);
        if (edited.Error is Error.Conflict && page is PageResult conflict)
        {
            conflict.StatusCode = StatusCodes.Status409Conflict;
        }

        return page;
    }
}
