namespace SecureBase.Scheduling.Cli;

/// <summary>Exit codes of <c>schedule</c>; every one but <see cref="Success"/> comes with a message on standard error and no output file.</summary>
public static class ScheduleExitCode
{
    /// <summary>A solution was written (even with unplaced sessions).</summary>
    public const int Success = 0;

    /// <summary>The arguments are wrong: a missing <c>--instance</c> or <c>--out</c>, an unknown option, a bad number.</summary>
    public const int Usage = 2;

    /// <summary>The instance file is missing, unreadable, empty or over the size limit.</summary>
    public const int Unreadable = 3;

    /// <summary>The instance file is not well-formed JSON.</summary>
    public const int MalformedJson = 4;

    /// <summary>The instance breaks the format: a wrong field, an unknown or duplicate id, a group across sites, a format version other than 1.</summary>
    public const int InvalidInstance = 5;

    /// <summary>The output file could not be written (its folder is missing or not writable).</summary>
    public const int CannotWrite = 6;

    /// <summary>The solution failed its own check before writing: a bug, reported rather than written.</summary>
    public const int InternalError = 70;
}
