using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Staff;

namespace SecureBase.Reports;

/// <summary>A goal, its ratings over the period, and where it stands.</summary>
internal sealed record GoalFact(string Goal, string Measure, int Cycle, IReadOnlyList<string> Ratings, string Latest);

/// <summary>One therapy's EHCP provision: specified against delivered.</summary>
internal sealed record ProvisionFact(string Therapy, string Specified, string Delivered, string Percent);

/// <summary>The EHCP as the annual review contribution needs it.</summary>
internal sealed record EhcpFacts(string PlanDate, string? LastReviewed, string NextReviewDue, string Period, IReadOnlyList<ProvisionFact> Provision, string AgeAppropriate, IReadOnlyList<string> OutOfDate);

/// <summary>
/// The figures a report is written from, taken from the structured record only (never session notes,
/// never safeguarding): frozen as JSON on the report at approval, so an approved report never changes.
/// </summary>
internal sealed record ReportFacts(
    string PupilName,
    string? NameAsRecorded,
    string YearGroup,
    string School,
    string Therapy,
    string Practitioner,
    string EpisodeStarted,
    string Period,
    int SessionsOffered,
    int SessionsAttended,
    int? AttendancePercent,
    int SessionsCancelled,
    string EngagementTrend,
    IReadOnlyList<GoalFact> Goals,
    IReadOnlyList<string> OutcomeChange,
    IReadOnlyList<string> Disengagement,
    EhcpFacts? Ehcp,
    string AsOf)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportFacts FromJson(string json) => JsonSerializer.Deserialize<ReportFacts>(json, Json)!;

    public string AttendanceWords => SessionsOffered == 0
        ? "No sessions were offered in this period"
        : $"{SessionsAttended} of {SessionsOffered} sessions attended ({AttendancePercent}%)";
}

/// <summary>
/// How an episode's outcomes changed over a period, in sentences for a report. This implementation
/// reads the SMART goals' ratings; TOM ratings (the outcomes module) can add another.
/// </summary>
internal interface IReportOutcomes
{
    Task<IReadOnlyList<string>> ChangeAsync(EpisodeId episode, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>Outcome change from goal-based ratings: each goal's first and latest rating in the period.</summary>
internal sealed class GoalRatingOutcomes(GoalRatingHistory history) : IReportOutcomes
{
    public async Task<IReadOnlyList<string>> ChangeAsync(EpisodeId episode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (goals, ratings) = await history.ForAsync(episode, ct);
        var lines = new List<string>();
        foreach (var goal in goals)
        {
            var points = ratings.Where(r => r.FirstGoalId == goal.FirstGoalId && r.RatedOn <= to).ToList();
            var inPeriod = points.Where(r => r.RatedOn >= from).ToList();
            if (inPeriod.Count == 0)
            {
                continue;
            }

            var start = points.LastOrDefault(r => r.RatedOn < from) ?? inPeriod[0];
            var end = inPeriod[^1];
            var steps = (int)end.Rating - (int)start.Rating;
            var change = steps > 0 ? $"moved up {steps} step{(steps == 1 ? "" : "s")}" : steps < 0 ? $"moved down {-steps} step{(steps == -1 ? "" : "s")}" : "no change";
            lines.Add(ReferenceEquals(start, end)
                ? $"\"{goal.Specific}\": rated {GoalRatings.Words(end.Rating)} on {ReportDates.Short(end.RatedOn)} (one rating so far)."
                : $"\"{goal.Specific}\": from {GoalRatings.Words(start.Rating)} ({ReportDates.Short(start.RatedOn)}) to {GoalRatings.Words(end.Rating)} ({ReportDates.Short(end.RatedOn)}): {change} on the goal scale (not started, some progress, good progress, achieved).");
        }

        return lines;
    }
}

internal static class ReportDates
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Long(DateOnly d) => d.ToString("d MMMM yyyy", English);

    public static string Short(DateOnly d) => d.ToString("d MMM yyyy", English);
}

/// <summary>Gathers a report's facts from the other modules' published reads.</summary>
internal sealed class ReportFactsBuilder(
    SecureBaseDb db,
    EpisodeAttendance attendance,
    GoalRatingHistory goals,
    IEnumerable<IReportOutcomes> outcomes,
    DeliveredSessions delivered)
{
    public async Task<ReportFacts> BuildAsync(Episode episode, Pupil pupil, ReportKind kind, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == episode.SchoolId).Select(s => s.Name).SingleAsync(ct);
        var practitioner = await db.StaffMembers.AsNoTracking().Where(s => s.Id == episode.StaffId).Select(s => s.FirstName + " " + s.LastName).SingleOrDefaultAsync(ct) ?? "";
        var lines = await attendance.ForAsync(episode.Id, from, to, ct);
        var offered = lines.Where(l => l.Attendance is Attendance.Attended or Attendance.Refused or Attendance.PupilAbsent).ToList();
        var attended = offered.Count(l => l.Attendance == Attendance.Attended);
        var cancelled = lines.Count - offered.Count;
        int? percent = offered.Count == 0 ? null : (int)Math.Round(attended * 100m / offered.Count, MidpointRounding.AwayFromZero);

        var (goalsNow, ratings) = await goals.ForAsync(episode.Id, ct);
        var goalFacts = goalsNow.Select(g => new GoalFact(
                g.Specific, g.Measurable, g.Cycle,
                ratings.Where(r => r.FirstGoalId == g.FirstGoalId && r.RatedOn >= from && r.RatedOn <= to).Select(r => $"{ReportDates.Short(r.RatedOn)}: {GoalRatings.Words(r.Rating)}").ToList(),
                GoalRatings.Words(g.Rating)))
            .ToList();

        var change = new List<string>();
        foreach (var source in outcomes)
        {
            change.AddRange(await source.ChangeAsync(episode.Id, from, to, ct));
        }

        var legal = $"{pupil.LegalFirstName} {pupil.LegalLastName}";
        var ehcp = kind == ReportKind.AnnualReviewContribution ? await EhcpAsync(pupil, today, ct) : null;
        return new ReportFacts(
            pupil.DisplayName,
            legal == pupil.DisplayName ? null : legal,
            YearGroups.Label(pupil.YearGroup),
            school,
            Disciplines.Name(episode.Discipline),
            practitioner,
            ReportDates.Long(episode.StartDate),
            $"{ReportDates.Long(from)} to {ReportDates.Long(to)}",
            offered.Count,
            attended,
            percent,
            cancelled,
            EngagementTrend(lines),
            goalFacts,
            change,
            Disengagement(episode, lines),
            ehcp,
            ReportDates.Long(today));
    }

    /// <summary>How engagement moved: the mean of the first half of attended sessions against the second (engagement 1–5).</summary>
    internal static string EngagementTrend(IReadOnlyList<EpisodeSessionLine> lines)
    {
        var rated = lines.Where(l => l.Attendance == Attendance.Attended && l.Engagement is not null).Select(l => (int)l.Engagement!.Value).ToList();
        if (rated.Count < 4)
        {
            return rated.Count == 0 ? "No engagement was recorded in this period" : $"Too few sessions to show a trend (average {Mean(rated)} of 5)";
        }

        var half = rated.Count / 2;
        var first = rated.Take(half).Average();
        var second = rated.Skip(half).Average();
        var words = second - first >= 0.5 ? "Improving" : first - second >= 0.5 ? "Falling" : "Steady";
        return $"{words}: from an average of {first.ToString("0.0", CultureInfo.InvariantCulture)} to {second.ToString("0.0", CultureInfo.InvariantCulture)} of 5 ({rated.Count} sessions rated)";
    }

    private static string Mean(List<int> values) => values.Average().ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Refusals in the period and the run of refused weeks the episode is in (the 6-week rule); never what was said.</summary>
    private static List<string> Disengagement(Episode episode, IReadOnlyList<EpisodeSessionLine> lines)
    {
        var facts = new List<string>();
        var refused = lines.Count(l => l.Attendance == Attendance.Refused);
        var longest = 0;
        var run = 0;
        foreach (var l in lines.Where(l => l.Attendance is Attendance.Attended or Attendance.Refused))
        {
            run = l.Attendance == Attendance.Refused ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        facts.Add(refused == 0 ? "No sessions were refused in this period." : $"{refused} session{(refused == 1 ? " was" : "s were")} refused in this period; the longest run of refusals in a row was {longest}.");
        if (episode.RefusedWeeks > 0)
        {
            facts.Add($"At the time of writing the pupil has refused for {episode.RefusedWeeks} school week{(episode.RefusedWeeks == 1 ? "" : "s")} in a row.");
        }

        if (episode.EngagementStrategies.Count > 0)
        {
            facts.Add($"{episode.EngagementStrategies.Count} way{(episode.EngagementStrategies.Count == 1 ? " was" : "s were")} tried to re-engage the pupil.");
        }

        if (episode.DischargeReason == DischargeReason.Disengagement)
        {
            facts.Add("The episode ended because the pupil disengaged.");
        }

        return facts;
    }

    private async Task<EhcpFacts?> EhcpAsync(Pupil pupil, DateOnly today, CancellationToken ct)
    {
        var plan = await db.EhcpPlans.AsNoTracking().Include(p => p.Provision).SingleOrDefaultAsync(p => p.PupilId == pupil.Id, ct);
        if (plan is null)
        {
            return null;
        }

        // As the EHCP module counts it: the plan's provision over the school year so far against the sessions delivered.
        var period = ProvisionPeriod.FromCalendar(await SchoolCalendar.LoadAsync(db, ct), today) ?? ProvisionPeriod.AcademicYearSoFar(today);
        var compared = ProvisionCalculator.Compare(plan.Provision.Select(i => SpecifiedProvision.Of(pupil.Id, i)), period,
            await delivered.ForAsync([pupil.Id], period.From, period.To, ct)).FirstOrDefault();
        var flags = EhcpFlags.For(plan, pupil.DisplayName, plan.Provision.Select(i => i.Discipline).ToHashSet(), today);
        var provision = compared?.Disciplines.Select(d => new ProvisionFact(
                Disciplines.Name(d.Discipline),
                $"{d.Totals.SpecifiedSessions.ToString("0.#", CultureInfo.InvariantCulture)} sessions ({d.Totals.SpecifiedMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes)",
                $"{d.Totals.DeliveredSessions} sessions ({d.Totals.DeliveredMinutes} minutes)",
                d.Totals.PercentDelivered is { } p ? $"{p}%" : "nothing specified"))
            .ToList() ?? [];
        return new EhcpFacts(
            ReportDates.Long(plan.PlanDate),
            plan.LastReviewedOn is { } last ? ReportDates.Long(last) : null,
            ReportDates.Long(plan.NextReviewDue),
            $"{ReportDates.Long(period.From)} to {ReportDates.Long(period.To)}{(period.IsEstimate ? " (estimated school weeks)" : "")}",
            provision,
            AgeAppropriate(pupil, plan.PlanDate, today),
            flags.Where(f => f.Kind != EhcpFlagKind.DisciplineNotOffered).Select(f => f.Reason).ToList());
    }

    /// <summary>
    /// Whether the plan's therapy provision was written for a pupil of this age (West Heath: "many
    /// EHCPs are very out of date"): the key stage the pupil was in when the plan was dated against now.
    /// </summary>
    internal static string AgeAppropriate(Pupil pupil, DateOnly planDate, DateOnly today)
    {
        var yearsAgo = AcademicYear(today) - AcademicYear(planDate);
        var then = pupil.YearGroup - yearsAgo;
        var stageThen = KeyStage(then);
        var stageNow = KeyStage(pupil.YearGroup);
        var name = pupil.FirstName;
        if (yearsAgo <= 0)
        {
            return $"The plan was written this school year, for {name} in {YearGroups.Label(pupil.YearGroup)} ({stageNow}): its therapy provision is written for their age.";
        }

        return stageThen == stageNow
            ? $"The plan is dated {ReportDates.Long(planDate)}, when {name} was in {YearGroups.Label(Math.Max(then, YearGroups.Nursery))}; they are still in {stageNow}, so its therapy provision is likely still age-appropriate, but check it at the review."
            : $"Out of date: the plan is dated {ReportDates.Long(planDate)}, when {name} was in {YearGroups.Label(Math.Max(then, YearGroups.Nursery))} ({stageThen}); they are now in {YearGroups.Label(pupil.YearGroup)} ({stageNow}). Its therapy provision was written for a younger child and should be rewritten for their age at this review.";
    }

    private static int AcademicYear(DateOnly d) => d.Month >= 9 ? d.Year : d.Year - 1;

    private static string KeyStage(int year) => year switch
    {
        <= 0 => "the early years",
        <= 2 => "key stage 1",
        <= 6 => "key stage 2",
        <= 9 => "key stage 3",
        <= 11 => "key stage 4",
        _ => "post-16",
    };
}
