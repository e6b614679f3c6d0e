namespace SecureBase.Scheduling.Model;

/// <summary>Why an instance could not be used. Each kind has its own exit code in the command line.</summary>
public enum SchedulingErrorKind
{
    /// <summary>The file is missing, unreadable, empty or over the size limit.</summary>
    Unreadable,

    /// <summary>The file is not well-formed JSON.</summary>
    MalformedJson,

    /// <summary>The JSON breaks the format: a missing field, a wrong type, an unknown or duplicate id, a group across sites.</summary>
    Invalid,
}

/// <summary>
/// An expected failure, in the school's words. <see cref="Where"/> is a JSON path such as <c>sessions[11]</c>
/// (empty when the whole file is at fault).
/// </summary>
public sealed record SchedulingError(SchedulingErrorKind Kind, string Where, string Message)
{
    public override string ToString() => Where.Length == 0 ? Message : $"{Where}: {Message}";
}
