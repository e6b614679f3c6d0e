using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Board;

/// <summary>
/// A practitioner sets their status in two clicks: optionally a "back at" time, then the status
/// button (from the home page, or this small page on a phone).
/// </summary>
[Permits(SchoolAction.SetOwnStatus)]
public sealed class SetStatusModel(OwnStatus own) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? presence, string? backAt, string? returnTo, CancellationToken ct)
    {
        if (!Enum.TryParse<Presence>(presence, ignoreCase: false, out var chosen) || !Enum.IsDefined(chosen))
        {
            ModelState.AddModelError("Presence", "Choose one of the status buttons.");
            return Page();
        }

        TimeOnly? back = null;
        if (!string.IsNullOrWhiteSpace(backAt))
        {
            if (!TimeOnly.TryParseExact(backAt.Trim(), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                ModelState.AddModelError("BackAt", "Give the time you will be back as hours and minutes, for example 13:15.");
                return Page();
            }

            back = parsed;
        }

        var outcome = await own.SetAsync(chosen, back, ct);
        if (!outcome.IsSuccess)
        {
            foreach (var field in outcome.Error is Common.Error.Validation v ? v.Fields : [new Common.FieldError("", outcome.Error!.Message)])
            {
                ModelState.AddModelError(field.Field, field.Message);
            }

            return Page();
        }

        TempData["Notice"] = $"Your status is now: {Presences.Name(chosen)}{(back is { } b && chosen is not (Presence.FreeForDropIn or Presence.NotInToday) ? $", back at {b:HH\\:mm}" : "")}.";
        return Redirect(returnTo == "/board/status" ? "/board/status" : "/");
    }
}
