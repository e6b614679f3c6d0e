using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Caseload;

/// <summary>The demo school's open episodes carry the 12-week cycle's records, and its teacher has shared classroom strategies to see.</summary>
public sealed class DemoCycleTests
{
    [Fact]
    public async Task TheDemoSchool_EpisodesHaveSituationAnalysesGoalsAndChecks_OlderOnesAReviewWithRatedGoals_AndTheTeacherSharedStrategies()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var today = SchoolTime.London.Today(app.Clock);
        var calendar = await SchoolCalendar.LoadAsync(db);

        var open = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open).ToListAsync();
        var started = open.Where(e => e.StartDate < today).ToList();
        started.ShouldNotBeEmpty();
        var analysed = (await db.SituationAnalyses.AsNoTracking().Select(a => a.EpisodeId).ToListAsync()).ToHashSet();
        started.ShouldAllBe(e => analysed.Contains(e.Id), "every started episode has its situation analysis");
        started.ShouldAllBe(e => e.ConfidentialityExplainedOn != null, "the statement is shown before any session");

        var goals = await db.CycleGoals.AsNoTracking().ToListAsync();
        var pastWeek3 = started.Where(e => EpisodeCycles.PositionNow(calendar, e.StartDate, today) is { } p && (p.Cycle > 1 || p.Week >= 3)).ToList();
        pastWeek3.ShouldAllBe(e => goals.Any(g => g.EpisodeId == e.Id && g.Cycle == 1), "SMART goals from week 3");
        var pastWeek6 = started.Where(e => EpisodeCycles.PositionNow(calendar, e.StartDate, today) is { } p && (p.Cycle > 1 || p.Week > 6)).Select(e => e.Id).ToList();
        (await db.CycleChecks.CountAsync(c => c.Kind == CheckKind.Week6Check)).ShouldBe(pastWeek6.Count, "a week 6 check for each episode past week 6");

        // An episode whose goals were agreed two weeks before the last finished term ended was reviewed then.
        var lastTerm = calendar.Years.SelectMany(y => y.Terms).Where(t => t.LastDay < today).MaxBy(t => t.LastDay)!;
        var reviewable = pastWeek3.Where(e => e.StartDate.AddDays(28) <= lastTerm.LastDay).Select(e => e.Id).ToHashSet();
        var reviews = await db.TermlyReviews.AsNoTracking().ToListAsync();
        reviews.Select(r => r.EpisodeId).ToHashSet().ShouldBe(reviewable, ignoreOrder: true);
        var ratings = await db.GoalReviewRatings.AsNoTracking().ToListAsync();
        ratings.Count.ShouldBe(2 * reviews.Count, "both goals of each reviewed episode are rated");
        ratings.Where(r => r.Next != GoalNext.Closed).ShouldAllBe(r => goals.Any(g => g.Id == r.NextGoalId && g.CarriedFrom == r.GoalId));

        // The teacher tutors a group with pupils in therapy and sees what was shared; unshared strategies exist too.
        var teacher = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.StaffCode == "TCH1");
        teacher.TutorGroup.ShouldNotBeNull();
        var strategies = await (from s in db.ClassroomStrategies join p in db.Pupils on s.PupilId equals p.Id select new { s.SharedWithTeachers, p.TutorGroup }).ToListAsync();
        strategies.ShouldContain(s => s.SharedWithTeachers && s.TutorGroup == teacher.TutorGroup);
        strategies.ShouldContain(s => !s.SharedWithTeachers);
    }
}
