using SecureBase.Schools;

namespace SecureBase.Caseload;

/// <summary>The phases of Serenity School's 12-week cycle (PRODUCT.md C7).</summary>
public enum CyclePhase
{
    /// <summary>Weeks 1–2: assessment and the situation analysis.</summary>
    Assessment,

    /// <summary>Weeks 3–4: interdisciplinary planning: SMART goals agreed at an MDT discussion.</summary>
    Planning,

    /// <summary>Weeks 5–10: therapeutic action with progress notes (week 6: the interim progress check).</summary>
    TherapeuticAction,

    /// <summary>Week 11: outcome measurement.</summary>
    OutcomeMeasurement,

    /// <summary>Week 12: reflective evaluation and the next cycle's goals (or discharge).</summary>
    ReflectiveEvaluation,
}

/// <summary>A task of the cycle, due from a week of it until it is done or the cycle ends.</summary>
public enum CycleTask
{
    SituationAnalysis,
    Goals,
    Week6Check,
    OutcomeMeasures,
    ReflectiveEvaluation,
}

/// <summary>Where an episode is in its cycles on a date: the cycle (from 1), the week of the cycle (1–12) and its phase.</summary>
public sealed record CyclePosition(int Cycle, int Week, CyclePhase Phase, int SchoolWeek)
{
    /// <summary>The tasks whose time has come in this cycle by this week (done or not: the caller knows what is done).</summary>
    public IReadOnlyList<CycleTask> TasksByNow => EpisodeCycle.TasksBy(Cycle, Week);

    public string PhaseWords => EpisodeCycle.Words(Phase);

    /// <summary>"Cycle 1, week 6 of 12: therapeutic action (interim progress check)".</summary>
    public override string ToString() => $"Cycle {Cycle}, week {Week} of {EpisodeCycle.Weeks}: {PhaseWords}";
}

/// <summary>
/// The 12-week cycle counted in SCHOOL weeks from the episode's start (holidays and weeks the school
/// is closed do not count, <see cref="SchoolCalendar.SchoolWeekNumber"/>): weeks 1–2 assessment, 3–4
/// interdisciplinary planning, 5–10 therapeutic action (week 6 the interim progress check), week 11
/// outcome measurement, week 12 reflective evaluation and the next cycle's goals. Pure: no I/O.
/// </summary>
public static class EpisodeCycle
{
    public const int Weeks = 12;

    /// <summary>Where the episode started on <paramref name="start"/> is on <paramref name="date"/>; null before it starts or in a week the school is closed.</summary>
    public static CyclePosition? On(SchoolCalendar calendar, DateOnly start, DateOnly date)
    {
        if (calendar.SchoolWeekNumber(start, date) is not { } schoolWeek)
        {
            return null;
        }

        var cycle = ((schoolWeek - 1) / Weeks) + 1;
        var week = ((schoolWeek - 1) % Weeks) + 1;
        return new CyclePosition(cycle, week, PhaseOf(week), schoolWeek);
    }

    public static CyclePhase PhaseOf(int week) => week switch
    {
        <= 2 => CyclePhase.Assessment,
        <= 4 => CyclePhase.Planning,
        <= 10 => CyclePhase.TherapeuticAction,
        11 => CyclePhase.OutcomeMeasurement,
        _ => CyclePhase.ReflectiveEvaluation,
    };

    /// <summary>The week of the cycle from which a task is due.</summary>
    public static int DueFrom(CycleTask task) => task switch
    {
        CycleTask.SituationAnalysis => 1,
        CycleTask.Goals => 3,
        CycleTask.Week6Check => 6,
        CycleTask.OutcomeMeasures => 11,
        _ => 12,
    };

    /// <summary>The tasks due by week <paramref name="week"/> of cycle <paramref name="cycle"/>: the situation analysis belongs to the first cycle only.</summary>
    public static IReadOnlyList<CycleTask> TasksBy(int cycle, int week) =>
        Enum.GetValues<CycleTask>().Where(t => (t != CycleTask.SituationAnalysis || cycle == 1) && DueFrom(t) <= week).ToList();

    public static string Words(CyclePhase phase) => phase switch
    {
        CyclePhase.Assessment => "assessment",
        CyclePhase.Planning => "interdisciplinary planning",
        CyclePhase.TherapeuticAction => "therapeutic action with progress notes",
        CyclePhase.OutcomeMeasurement => "outcome measurement",
        _ => "reflective evaluation and the next cycle's goals",
    };

    /// <summary>"Week 6 check due for Amara Okafor".</summary>
    public static string DueTitle(CycleTask task, string pupil) => task switch
    {
        CycleTask.SituationAnalysis => $"Situation analysis due for {pupil}",
        CycleTask.Goals => $"SMART goals due for {pupil}",
        CycleTask.Week6Check => $"Week 6 check due for {pupil}",
        CycleTask.OutcomeMeasures => $"Outcome measures due for {pupil}",
        _ => $"Reflective evaluation due for {pupil}",
    };

    public static string TaskWords(CycleTask task) => task switch
    {
        CycleTask.SituationAnalysis => "situation analysis",
        CycleTask.Goals => "SMART goals",
        CycleTask.Week6Check => "week 6 check",
        CycleTask.OutcomeMeasures => "outcome measures",
        _ => "reflective evaluation",
    };
}
