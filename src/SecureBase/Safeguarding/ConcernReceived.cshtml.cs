using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>What the person who raised a concern sees: that the DSL received it, and what they need to do now. Never the chronology.</summary>
[Permits(SchoolAction.RaiseConcern)]
public sealed class ConcernReceivedModel : PageModel
{
    public string? Pupil { get; private set; }
    public bool Urgent { get; private set; }
    public string WhatToDoNow => ConcernWords.WhatToDoNow;

    public void OnGet()
    {
        Pupil = TempData["ConcernPupil"] as string;
        Urgent = TempData["ConcernUrgent"] as string == "true";
    }
}
