using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>The concerns the DSL shared with the signed-in member of staff (those only), each read audited.</summary>
[Permits(SchoolAction.ViewSharedConcern)]
public sealed class SharedConcernsModel : PageModel
{
    internal IReadOnlyList<ConcernFile> Files { get; private set; } = [];

    public async Task OnGetAsync() =>
        Files = await HttpContext.RequestServices.GetRequiredService<ConcernDesk>().SharedWithMeAsync(HttpContext.RequestAborted);
}
