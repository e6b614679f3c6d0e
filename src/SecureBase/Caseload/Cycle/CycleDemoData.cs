using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Caseload;

/// <summary>
/// The 12-week cycle's records for the demo's open episodes (called by the demo seeder; kept here because it builds them with the cycle's own rules), so the episode page has something to
/// show: a situation analysis once an episode has started, SMART goals from week 3, the week 6 check
/// once it is past, the confidentiality statement shown before any session, and for an episode older
/// than the last term a termly review whose goals were rated and carried or revised into the next cycle.
/// The full demo's teacher is tutor of a Year 9 group with pupils in therapy, and their practitioners
/// have written classroom strategies, most shared with teachers. Deterministic; saved in one go.
/// </summary>
public static class CycleDemoData
{
    private static readonly (string Background, string Needs, string Strengths, string Challenges)[] Analyses =
    [
        ("Lives with mum and two younger brothers; dad moved out last spring.", "Worries a lot before tests and in busy corridors.", "Loves drawing and is kind to younger pupils.", "Mornings: often arrives late and unsettled."),
        ("Moved to the school in Year 7 after a managed move.", "Finds it hard to name feelings; gets angry when corrected.", "Good at football, loyal to friends.", "Unstructured times: break and lunch."),
        ("Young carer for a parent with a long-term illness.", "Tired and withdrawn; sleep is poor.", "Reads widely; thoughtful in one-to-one conversation.", "Homework and after-school commitments."),
        ("Diagnosed with autism in Year 5; lives with both parents.", "Sensory overload in noisy rooms; needs warning of change.", "Excellent memory for facts; enjoys routines.", "Transitions between lessons and supply teachers."),
    ];

    private static readonly (string Specific, string Measurable, string Interventions)[] Goals =
    [
        ("Use a calm-down plan when worried in lessons", "Fewer than two exits from class a week, from the tutor's log", "CBT-based worry work, weekly 1:1"),
        ("Name three feelings and what helps with each", "Can name them unprompted in sessions 10 to 12", "Feelings cards, art-based work"),
        ("Arrive at school and settle by 8:50", "Four days out of five, from the attendance record", "Morning check-in plan with the tutor"),
        ("Ask an adult for help before things build up", "Uses the help card at least once a week", "Role play, social stories"),
    ];

    private static readonly string[] Strategies =
    [
        "Give a movement break after 20 minutes of seated work",
        "Warn a few minutes before the end of an activity; say what comes next",
        "Let them sit near the door and leave with the exit card without questions",
        "Check in quietly at the start of the lesson; avoid asking them to read aloud unprepared",
        "Break written tasks into numbered steps on the board",
    ];

    public static async Task SeedAsync(SecureBaseDb db, DateOnly today, bool full, CancellationToken ct)
    {
        var random = new Random(1211);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var episodes = (await db.Episodes.Where(e => e.Status == EpisodeStatus.Open).ToListAsync(ct)).OrderBy(e => e.StartDate).ThenBy(e => e.Id.Value).ToList();
        var users = await db.StaffMembers.Where(s => s.UserId != null).ToDictionaryAsync(s => s.Id, s => s.UserId!.Value, ct);
        var terms = calendar.Years.SelectMany(y => y.Terms).Where(t => t.LastDay < today).OrderBy(t => t.LastDay).ToList();
        var i = 0;
        foreach (var e in episodes.Where(e => e.StartDate < today))
        {
            var by = users.GetValueOrDefault(e.StaffId);
            var now = EpisodeCycles.PositionNow(calendar, e.StartDate, today);
            if (e.ConfidentialityExplainedOn is null)
            {
                e.RecordConfidentialityExplained(e.StartDate, "Listened carefully; asked who else would know. Happy to start.", today);
            }

            var a = Analyses[i % Analyses.Length];
            var analysisOn = Min(e.StartDate.AddDays(7), today);
            if (SituationAnalysis.Record(e, new SituationAnalysisDetails(true, i % 3 == 0 ? "Section F reviewed: provision matches" : null, a.Background, a.Needs, a.Strengths, a.Challenges,
                    true, i % 2 == 0, true, i % 2 == 0 ? "SDQ, RCADS" : "Boxall profile"), analysisOn, by) is { IsSuccess: true } analysis)
            {
                db.SituationAnalyses.Add(analysis.Value);
            }

            i++;
            if (now is null || (now.Cycle == 1 && now.Week < 3))
            {
                continue;
            }

            var agreedOn = Min(e.StartDate.AddDays(14), today);
            var goals = new List<CycleGoal>();
            for (var g = 0; g < 2; g++)
            {
                var goal = Goals[(i + g) % Goals.Length];
                goals.Add(CycleGoal.Agree(e, 1, new GoalDetails(goal.Specific, goal.Measurable, "Agreed with the pupil; builds on what already works", "Helps them stay in lessons",
                    "By the end of the cycle", goal.Interventions, null), agreedOn).Value);
            }

            db.CycleGoals.AddRange(goals);
            if (now.Cycle > 1 || now.Week > 6)
            {
                var week6 = FirstDayOfWeek(calendar, e.StartDate, 6, today);
                if (week6 is { } on && CycleCheck.Record(e, EpisodeCycle.On(calendar, e.StartDate, on), CheckKind.Week6Check,
                        random.Next(3) == 0 ? "Slow start; engaging better since we moved to art-based work." : "Settled into sessions; using the plan in some lessons.", on, by) is { IsSuccess: true } check)
                {
                    db.CycleChecks.Add(check.Value);
                }
            }

            // An episode that ran through most of a finished term was reviewed at its end: goals rated, carried or revised.
            if (terms.LastOrDefault(t => t.LastDay >= agreedOn.AddDays(14)) is { } term)
            {
                var review = TermlyReview.Record(e, term.LastDay, ReviewDecision.ContinueAnotherCycle, null,
                    "Good progress on attendance and settling; another cycle agreed with the pupil and their family.", term.LastDay, by).Value;
                var cycleThen = EpisodeCycles.PositionNow(calendar, e.StartDate, term.LastDay)?.Cycle ?? 1;
                var rated = GoalReview.Apply(e, review, goals,
                [
                    new GoalChoice(goals[0].Id, GoalRating.GoodProgress, GoalNext.Carried, null, null),
                    new GoalChoice(goals[1].Id, GoalRating.Achieved, GoalNext.Revised, $"{goals[1].Specific}, without a reminder", null),
                ], cycleThen, term.LastDay);
                if (rated.IsSuccess)
                {
                    db.TermlyReviews.Add(review);
                    db.GoalReviewRatings.AddRange(rated.Value.Ratings);
                    db.CycleGoals.AddRange(rated.Value.NextGoals);
                }
            }
        }

        await AddClassroomStrategiesAsync(db, episodes.Where(e => e.StartDate <= today).ToList(), users, today, full, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Strategies for about half the pupils in therapy, most shared; the full demo's teacher tutors a Year 9 group with pupils in therapy.</summary>
    private static async Task AddClassroomStrategiesAsync(SecureBaseDb db, List<Episode> episodes, Dictionary<StaffId, Guid> users, DateOnly today, bool full, CancellationToken ct)
    {
        var pupilIds = episodes.Select(e => e.PupilId).Distinct().ToList();
        var pupils = await db.Pupils.Where(p => pupilIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var k = 0;
        foreach (var e in episodes.Where((_, n) => n % 2 == 0))
        {
            db.ClassroomStrategies.Add(ClassroomStrategy.Write(e, Strategies[k % Strategies.Length], share: k % 4 != 3, Min(e.StartDate.AddDays(21), today), users.GetValueOrDefault(e.StaffId)).Value);
            k++;
        }

        if (!full || await db.StaffMembers.SingleOrDefaultAsync(s => s.StaffCode == "TCH1", ct) is not { } teacher)
        {
            return;
        }

        var group = episodes.Select(e => pupils[e.PupilId]).Where(p => p.YearGroup == 9 && p.TutorGroup is not null)
            .GroupBy(p => p.TutorGroup!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (group is null)
        {
            return;
        }

        teacher.SetTutorGroup(group.Key);
        foreach (var e in episodes.Where((_, n) => n % 2 == 1).Where(e => pupils[e.PupilId].TutorGroup == group.Key))
        {
            db.ClassroomStrategies.Add(ClassroomStrategy.Write(e, Strategies[k++ % Strategies.Length], share: true, Min(e.StartDate.AddDays(21), today), users.GetValueOrDefault(e.StaffId)).Value);
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly? FirstDayOfWeek(SchoolCalendar calendar, DateOnly start, int week, DateOnly today)
    {
        for (var d = start; d < today; d = d.AddDays(1))
        {
            if (EpisodeCycle.On(calendar, start, d) is { Cycle: 1 } p && p.Week == week)
            {
                return d;
            }
        }

        return null;
    }
}
