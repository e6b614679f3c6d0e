using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>One pupil's EHCP: the plan, its therapy provision, why it is out of date, and specified vs delivered per discipline.</summary>
[Permits(SchoolAction.ViewEhcp)]
public sealed class PupilEhcpModel(EhcpPlans plans, CurrentUser me, Data.SecureBaseDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PupilId PupilId { get; set; }

    internal EhcpRow Row { get; private set; } = null!;
    public ProvisionPeriod Period { get; private set; } = null!;
    public Error? Refusal { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanOpenPupilRecord => me.Can(SchoolAction.ViewPupilRecord);

    [BindProperty(SupportsGet = true)]
    public Audit.ReadReason? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReasonOther { get; set; }

    /// <summary>Set when the reader must say why before the plan opens.</summary>
    public Audit.WhyForm? AskWhy { get; private set; }
    public string PupilName { get; private set; } = "";

    /// <summary>For the annual-review report: therapies the pupil disengaged from (the 6-week rule).</summary>
    public IReadOnlyList<string> ForAnnualReview { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await plans.ReadAsync(PupilId, Reason, ReasonOther, "page", ct) is not { } opened)
        {
            return NotFound();
        }

        if (!opened.IsSuccess)
        {
            var found = await plans.GetAsync(PupilId, SchoolAction.ViewEhcp, ct);
            PupilName = found!.Value.Row.Pupil.DisplayName;
            AskWhy = new Audit.WhyForm("EHCP", Reason, ReasonOther, Reason is null ? null : opened.Error!.Message);
            return Page();
        }

        (Row, Period) = opened.Value;
        Refusal = EhcpPlan.RefusalFor(Row.Pupil);
        ForAnnualReview = await EhcpDisengagement.LinesAsync(db, Row.Pupil.Id, ct);

        // The SENDCo and head of therapy reach every pupil; anyone else only reads.
        CanManage = me.ScopeFor(SchoolAction.ManageEhcp).HasFlag(Scope.School) && Refusal is null;
        return Page();
    }
}
