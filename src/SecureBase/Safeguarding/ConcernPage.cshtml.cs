using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

/// <summary>
/// One concern, for the DSL and deputies: what was written (never editable), addenda, actions with
/// owner and date, the outcome, and who it is shared with. Every opening is audited.
/// </summary>
[Permits(SchoolAction.ViewConcerns, OnPost = SchoolAction.WorkConcerns)]
public sealed class ConcernPageModel : PageModel
{
    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    [Display(Name = "Owner")]
    public string? Owner { get; set; }

    [BindProperty]
    [Display(Name = "Date")]
    public DateOnly? On { get; set; }

    [BindProperty]
    [Display(Name = "To whom")]
    public string? ToWhom { get; set; }

    [BindProperty]
    [Display(Name = "Note")]
    public string? Note { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    [Display(Name = "Addendum")]
    public string? Text { get; set; }

    [BindProperty]
    public Guid? UserId { get; set; }

    [BindProperty]
    [Display(Name = "Reason")]
    public string? Reason { get; set; }

    internal ConcernFile? Opened { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Staff { get; private set; } = [];

    public static IReadOnlyList<(string Value, string Label)> Actions { get; } =
        Enum.GetValues<ConcernActionKind>().Select(a => (a.ToString(), ConcernWords.Action(a))).ToList();

    public static IReadOnlyList<(string Value, string Label)> Outcomes { get; } =
        Enum.GetValues<ConcernOutcomeKind>().Select(a => (a.ToString(), ConcernWords.Outcome(a))).ToList();

    private ConcernDesk Desk => HttpContext.RequestServices.GetRequiredService<ConcernDesk>();

    public async Task<IActionResult> OnGetAsync(Guid concernId) => await LoadAsync(ConcernId.From(concernId)) ? Page() : NotFound();

    public Task<IActionResult> OnPostActionAsync(Guid concernId) =>
        AfterAsync(concernId, async id => (await Desk.RecordActionAsync(id, Parse<ConcernActionKind>(Action), Owner, On, ToWhom, Note, HttpContext.RequestAborted)).Error, "The action is recorded.");

    public Task<IActionResult> OnPostOutcomeAsync(Guid concernId) =>
        AfterAsync(concernId, async id => (await Desk.CloseAsync(id, Parse<ConcernOutcomeKind>(Outcome), Note, HttpContext.RequestAborted)).Error, "The outcome is recorded and the concern is closed.");

    public Task<IActionResult> OnPostAddendumAsync(Guid concernId) =>
        AfterAsync(concernId, async id => (await Desk.AddAddendumAsync(id, Text, HttpContext.RequestAborted)).Error, "The addendum is added.");

    public Task<IActionResult> OnPostShareAsync(Guid concernId) =>
        AfterAsync(concernId, async id => (await Desk.ShareAsync(id, UserId, Reason, HttpContext.RequestAborted)).Error, "The concern is shared; they have been told.");

    private async Task<IActionResult> AfterAsync(Guid concernId, Func<ConcernId, Task<Error?>> work, string done)
    {
        var id = ConcernId.From(concernId);
        var error = await work(id);
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/safeguarding/concerns/{id}");
        }

        if (error is Error.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(error, "");
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(ConcernId id)
    {
        var opened = await Desk.OpenAsync(id, "web", HttpContext.RequestAborted);
        if (!opened.IsSuccess)
        {
            return false;
        }

        Opened = opened.Value;
        Staff = (await Desk.StaffUsersAsync(HttpContext.RequestAborted)).OrderBy(s => s.Value, StringComparer.CurrentCulture).Select(s => (s.Key, s.Value)).ToList();
        return true;
    }

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, out var v) && Enum.IsDefined(v) ? v : null;
}
