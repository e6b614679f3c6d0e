using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Safeguarding;

/// <summary>The school's safeguarding settings, kept by the DSL: how many school weeks running of missed sessions make a "was not brought" pattern.</summary>
[Permits(SchoolAction.ChangeSafeguardingSettings)]
public sealed class SafeguardingSettingsPageModel(SecureBaseDb db, CurrentUser me, AuditLog audit, TimeProvider clock, Schools.SchoolClock schoolClock) : PageModel
{
    [BindProperty]
    [Display(Name = "School weeks running")]
    public string? WasNotBroughtWeeks { get; set; }

    public string? ChangedBy { get; private set; }

    public async Task OnGetAsync()
    {
        var settings = await db.SafeguardingSettings.AsNoTracking().SingleOrDefaultAsync(HttpContext.RequestAborted);
        WasNotBroughtWeeks = (settings?.WasNotBroughtWeeks ?? SafeguardingSettings.DefaultWeeks).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ChangedBy = settings is null ? null : $"{settings.ChangedByName} on {schoolClock.ToLocal(settings.ChangedAt):d MMMM yyyy}";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var settings = await db.SafeguardingSettings.SingleOrDefaultAsync(ct);
        var isNew = settings is null;
        settings ??= SafeguardingSettings.For(db.CurrentSchoolId);
        int? weeks = int.TryParse(WasNotBroughtWeeks?.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : null;
        var before = settings.WasNotBroughtWeeks;
        var changed = weeks is null && !string.IsNullOrWhiteSpace(WasNotBroughtWeeks)
            ? new Common.Error.Validation("WasNotBroughtWeeks", "Give the number of school weeks running as a whole number between 1 and 12; nothing was changed")
            : settings.SetWasNotBroughtWeeks(weeks, me.DisplayName.Length > 0 ? me.DisplayName : me.UserName, clock.GetUtcNow().UtcDateTime).Error;
        if (changed is not null)
        {
            ModelState.AddModelError(nameof(WasNotBroughtWeeks), changed.Message);
            return Page();
        }

        if (isNew)
        {
            db.SafeguardingSettings.Add(settings);
        }

        audit.Record("safeguarding.settings-changed", "SafeguardingSettings", settings.Id.ToString(), detail: $"was not brought: {before} → {settings.WasNotBroughtWeeks} school weeks running");
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Saved: {settings.WasNotBroughtWeeks} school weeks running of missed sessions now make a \"was not brought\" pattern.";
        return Redirect("/safeguarding/settings");
    }
}
