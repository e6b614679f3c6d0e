using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Pupils;

/// <summary>What the pupil form partial needs; <paramref name="AskYearGroupConfirmation"/> shows the "year group is right" box.</summary>
public sealed record PupilFormView(PupilInput Input, IReadOnlyList<(SiteId Id, string Name)> Sites, bool AskYearGroupConfirmation = false);

/// <summary>
/// The form's warning when the year group does not fit the date of birth: shown with the other
/// field errors, and the pupil is saved only once the office ticks that the year group is right.
/// The API and imports take the school's information system at its word and do not ask.
/// </summary>
internal static class YearGroupCheck
{
    /// <summary>Adds the warning and returns true when it must be confirmed; an unchanged year group and date of birth are not asked about again.</summary>
    public static bool Warn(ModelStateDictionary modelState, PupilInput input, Pupil? existing, DateOnly today)
    {
        if (input.DateOfBirth is not { } dob || input.YearGroup is not { } year
            || (existing is not null && existing.DateOfBirth == dob && existing.YearGroup == year)
            || YearGroups.MismatchWarning(year, dob, today) is not { } warning)
        {
            return false;
        }

        if (!input.YearGroupConfirmed)
        {
            modelState.AddModelError("Input.YearGroup", warning);
        }

        return true;
    }
}

[Permits(SchoolAction.ManagePupils)]
public sealed class NewPupilModel(PupilRecords records, SecureBaseDb db, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public PupilFormView Form { get; private set; } = null!;

    public async Task OnGetAsync() => Form = new(Input, await Schools.SiteChoices.LoadAsync(db));

    public async Task<IActionResult> OnPostAsync()
    {
        var askYearGroup = YearGroupCheck.Warn(ModelState, Input, null, schoolClock.Today);
        if (ModelState.IsValid)
        {
            var result = await records.CreateAsync(Input, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                TempData["Notice"] = $"{result.Value.DisplayName} has been added.";
                return Redirect($"/pupils/{result.Value.Id}");
            }

            ModelState.AddErrors(result.Error!, "Input");
        }

        Form = new(Input, await Schools.SiteChoices.LoadAsync(db), askYearGroup);
        return Page();
    }
}
