namespace SecureBase.Scheduling;

/// <summary>
/// The weekly timetable solver: places therapy sessions into slots and rooms
/// (FORMAT.md in the shared scheduling folder). It knows nothing of the web
/// application or its database; the application adapts its data to this model.
/// </summary>
public static class SchedulingLibrary
{
    public const int FormatVersion = 1;
}
