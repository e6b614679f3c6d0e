using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>Adds a line of therapy provision to a pupil's EHCP.</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class NewProvisionModel(EhcpPlans plans) : EhcpFormPage<ProvisionInput>(plans)
{
    protected override ProvisionInput Prefill() =>
        new() { Frequency = nameof(ProvisionFrequency.PerWeek), Delivery = nameof(ProvisionDelivery.Individual) };

    protected override async Task<Result<string>> SaveAsync(CancellationToken ct)
    {
        var details = Input.ToDetails();
        var added = details.IsSuccess ? await Plans.AddProvisionAsync(PupilId, details.Value, ct) : details.Error!;
        return added.IsSuccess ? $"Added: {Staff.Disciplines.Name(added.Value.Discipline)}, {added.Value.Describe()}." : added.Error!;
    }
}
