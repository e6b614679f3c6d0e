using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Pupils;

namespace SecureBase.Safeguarding;

/// <summary>From the home page: find the pupil, then raise the concern about them.</summary>
[Permits(SchoolAction.RaiseConcern)]
public sealed class FindPupilForConcernModel(PupilDirectory directory, CurrentUser me) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")]
    [Display(Name = "Name or UPN")]
    [SchoolText(100)]
    public string? Search { get; set; }

    public IReadOnlyList<PupilListRow> Found { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (me.Can(SchoolAction.ViewPupils) && ModelState.IsValid && !string.IsNullOrWhiteSpace(Search))
        {
            Found = (await directory.ListAsync(new PupilFilter(Search: Search), HttpContext.RequestAborted)).Rows;
        }
    }
}
