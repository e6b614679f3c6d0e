using SecureBase.Schools;

namespace SecureBase.Sessions;

/// <summary>One recorded session of an episode, as the 6-week rule reads it: the day and the pupil's attendance.</summary>
public readonly record struct AttendanceOn(DateOnly Date, Attendance Attendance);

/// <summary>
/// The current run of refusals: how many consecutive school weeks the pupil refused, and the Monday
/// of the first of them (null when there is no run).
/// </summary>
public readonly record struct RefusalRun(int Weeks, DateOnly? From)
{
    public static readonly RefusalRun None = new(0, null);
}

/// <summary>
/// West Heath's 6-week rule, counted: consecutive SCHOOL weeks in which the pupil refused.
/// <list type="bullet">
/// <item>A week in which the pupil attended a session resets the count (attending wins over a refusal in the same week).</item>
/// <item>A week in which they refused (and attended nothing) counts one.</item>
/// <item>A week of only absence from school, cancellations or a displaced session neither counts nor resets.</item>
/// <item>A week with no session at all (holidays, a week the timetable skipped) neither counts nor resets.</item>
/// </list>
/// Weeks are the calendar's school weeks (Monday to Sunday), so holidays are skipped.
/// </summary>
public static class RefusalCount
{
    public static RefusalRun Of(SchoolCalendar calendar, IEnumerable<AttendanceOn> sessions) =>
        Of(sessions, d => calendar.WeekOf(d)?.Monday ?? SchoolDates.MondayOf(d));

    /// <summary>The count with weeks given by <paramref name="weekOf"/> (the Monday of a date's week).</summary>
    public static RefusalRun Of(IEnumerable<AttendanceOn> sessions, Func<DateOnly, DateOnly> weekOf)
    {
        var run = RefusalRun.None;
        foreach (var week in sessions.GroupBy(s => weekOf(s.Date)).OrderBy(g => g.Key))
        {
            if (week.Any(s => s.Attendance == Attendance.Attended))
            {
                run = RefusalRun.None;
            }
            else if (week.Any(s => s.Attendance == Attendance.Refused))
            {
                run = new RefusalRun(run.Weeks + 1, run.From ?? week.Key);
            }
        }

        return run;
    }
}
