using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Safeguarding;

/// <summary>
/// Raise a safeguarding concern about a pupil in a few clicks: what was seen or said, when, who was
/// present, the immediate action and the kind of concern. Saved once (the form's key), then the raiser
/// is told it was received and what to do now.
/// </summary>
[Permits(SchoolAction.RaiseConcern)]
public sealed class RaiseConcernModel(CurrentUser me) : PageModel
{
    [BindProperty]
    public Guid SubmissionKey { get; set; }

    [BindProperty]
    [Display(Name = "What was seen or said")]
    public string? WhatWasSeenOrSaid { get; set; }

    [BindProperty]
    [Display(Name = "When it happened")]
    public DateTime? HappenedAt { get; set; }

    [BindProperty]
    [Display(Name = "Who was present")]
    public string? WhoWasPresent { get; set; }

    [BindProperty]
    [Display(Name = "Immediate action taken")]
    public string? ImmediateAction { get; set; }

    [BindProperty]
    [Display(Name = "Kind of concern")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? SourceId { get; set; }

    public string Pupil { get; private set; } = "";
    public Guid PupilGuid { get; private set; }

    public static IReadOnlyList<(string Value, string Label, bool Urgent)> Categories { get; } =
        Enum.GetValues<ConcernCategory>().Select(c => (c.ToString(), ConcernWords.Category(c), ConcernWords.IsUrgent(c))).ToList();

    private Schools.SchoolClock schoolClock => HttpContext.RequestServices.GetRequiredService<Schools.SchoolClock>();

    private ConcernDesk Desk => HttpContext.RequestServices.GetRequiredService<ConcernDesk>();

    public async Task<IActionResult> OnGetAsync(PupilId pupilId)
    {
        SubmissionKey = Guid.NewGuid();
        return await PrepareAsync(pupilId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(PupilId pupilId)
    {
        if (!await PrepareAsync(pupilId))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        ConcernCategory? category = Enum.TryParse<ConcernCategory>(Category, out var c) && Enum.IsDefined(c) ? c : null;
        var source = Enum.TryParse<ConcernSource>(Source, out var s) && Enum.IsDefined(s) ? s : ConcernSource.PupilRecord;
        var local = HappenedAt is { } h ? schoolClock.ToUtc(DateOnly.FromDateTime(h), TimeOnly.FromDateTime(h)) : (DateTime?)null;
        var raised = await Desk.RaiseAsync(pupilId, new NewConcern(WhatWasSeenOrSaid, local, WhoWasPresent, ImmediateAction, category, source, SourceId, SubmissionKey), HttpContext.RequestAborted);
        if (!raised.IsSuccess)
        {
            ModelState.AddErrors(raised.Error!, "");
            return Page();
        }

        TempData["ConcernUrgent"] = raised.Value.IsUrgent ? "true" : "false";
        TempData["ConcernPupil"] = Pupil;
        return Redirect("/concerns/received");
    }

    private async Task<bool> PrepareAsync(PupilId pupilId)
    {
        var pupil = await Desk.PupilAsync(pupilId, HttpContext.RequestAborted);
        if (pupil is null || !me.Can(SchoolAction.RaiseConcern))
        {
            return false;
        }

        Pupil = pupil.DisplayName;
        PupilGuid = pupil.Id.Value;
        return true;
    }
}
