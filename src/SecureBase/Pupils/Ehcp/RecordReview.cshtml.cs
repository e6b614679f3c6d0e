using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Pupils;

/// <summary>Records an EHCP annual review: when it was held and when the next is due.</summary>
[Permits(SchoolAction.ManageEhcp)]
public sealed class RecordReviewModel(EhcpPlans plans) : EhcpFormPage<AnnualReviewInput>(plans)
{
    protected override async Task<Result<string>> SaveAsync(CancellationToken ct)
    {
        var saved = await Plans.RecordReviewAsync(PupilId, Input.ReviewedOn!.Value, Input.NextReviewDue!.Value, ct);
        return saved.IsSuccess
            ? $"The annual review of {Pupil.DisplayName}'s EHCP is recorded. The next is due on {EhcpRules.Long(Input.NextReviewDue!.Value)}."
            : saved.Error!;
    }
}
