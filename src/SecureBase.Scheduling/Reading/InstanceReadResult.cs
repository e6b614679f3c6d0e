using System.Diagnostics.CodeAnalysis;
using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Reading;

/// <summary>Either a valid instance, or the reasons it was refused (never both).</summary>
public sealed record InstanceReadResult(ScheduleInstance? Instance, IReadOnlyList<SchedulingError> Errors)
{
    [MemberNotNullWhen(true, nameof(Instance))]
    public bool IsValid => Instance is not null && Errors.Count == 0;

    internal static InstanceReadResult Fail(SchedulingErrorKind kind, string where, string message) =>
        new(null, [new SchedulingError(kind, where, message)]);
}
