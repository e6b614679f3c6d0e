using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>Records a pupil's EHCP, or changes its details (SENDCo and head of therapy).</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class EditPlanModel(EhcpPlans plans) : EhcpFormPage<EhcpPlanInput>(plans)
{
    public bool IsNew => Plan is null;

    protected override bool NeedsPlan => false;

    protected override EhcpPlanInput Prefill() => Plan is { } plan ? EhcpPlanInput.From(plan) : new EhcpPlanInput();

    protected override async Task<Result<string>> SaveAsync(CancellationToken ct)
    {
        var isNew = IsNew;
        var saved = await Plans.SavePlanAsync(PupilId, Input.ToDetails(), ct);
        return !saved.IsSuccess ? saved.Error!
            : isNew ? $"{Pupil.DisplayName}'s EHCP is recorded. Now add the therapy provision it specifies."
            : $"{Pupil.DisplayName}'s EHCP is saved.";
    }
}
