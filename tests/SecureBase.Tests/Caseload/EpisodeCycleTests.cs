using SecureBase.Caseload;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Caseload;

/// <summary>The 12-week cycle counted in school weeks (2026/27: Autumn 2 from Mon 2 Nov, Christmas from 19 Dec, Spring 1 from Mon 4 Jan, half term 15–19 Feb).</summary>
public sealed class EpisodeCycleTests
{
    private static readonly SecureBase.Schools.SchoolCalendar Calendar = SecureBase.Tests.Schools.CalendarTestData.Calendar();

    [Fact]
    public void FirstWeeks_AreAssessmentThenPlanning_AndTheSituationAnalysisIsDueFromWeek1_GoalsFromWeek3()
    {
        var start = D(2026, 11, 2);
        var first = EpisodeCycle.On(Calendar, start, D(2026, 11, 4))!;
        (first.Cycle, first.Week, first.Phase).ShouldBe((1, 1, CyclePhase.Assessment));
        first.TasksByNow.ShouldBe([CycleTask.SituationAnalysis]);

        var third = EpisodeCycle.On(Calendar, start, D(2026, 11, 16))!;
        (third.Week, third.Phase).ShouldBe((3, CyclePhase.Planning));
        third.TasksByNow.ShouldBe([CycleTask.SituationAnalysis, CycleTask.Goals]);
        third.ToString().ShouldBe("Cycle 1, week 3 of 12: interdisciplinary planning");
    }

    [Fact]
    public void Week6_IsTheInterimCheck_AndTheChristmasHolidayDoesNotCount()
    {
        var start = D(2026, 11, 2);
        var week6 = EpisodeCycle.On(Calendar, start, D(2026, 12, 9))!;
        (week6.Week, week6.Phase).ShouldBe((6, CyclePhase.TherapeuticAction));
        week6.TasksByNow.ShouldContain(CycleTask.Week6Check);

        EpisodeCycle.On(Calendar, start, D(2026, 12, 23)).ShouldBeNull("the school is closed: the cycle pauses");
        EpisodeCycle.On(Calendar, start, D(2027, 1, 4))!.Week.ShouldBe(8, "weeks 1–7 were 2 Nov to 18 Dec; the holiday is skipped");
        EpisodeCycle.On(Calendar, start, D(2026, 10, 30)).ShouldBeNull("before the episode starts");
    }

    [Fact]
    public void Weeks11And12_AreOutcomesAndEvaluation_ThenCycle2Begins_WithoutASecondSituationAnalysis()
    {
        var start = D(2026, 11, 2);
        var week11 = EpisodeCycle.On(Calendar, start, D(2027, 1, 25))!;
        (week11.Week, week11.Phase).ShouldBe((11, CyclePhase.OutcomeMeasurement));
        var week12 = EpisodeCycle.On(Calendar, start, D(2027, 2, 1))!;
        (week12.Week, week12.Phase).ShouldBe((12, CyclePhase.ReflectiveEvaluation));
        week12.TasksByNow.ShouldBe([CycleTask.SituationAnalysis, CycleTask.Goals, CycleTask.Week6Check, CycleTask.OutcomeMeasures, CycleTask.ReflectiveEvaluation]);

        var next = EpisodeCycle.On(Calendar, start, D(2027, 2, 8))!;
        (next.Cycle, next.Week, next.Phase).ShouldBe((2, 1, CyclePhase.Assessment));
        next.TasksByNow.ShouldBeEmpty("the situation analysis belongs to the first cycle");
        EpisodeCycle.On(Calendar, start, D(2027, 2, 22))!.Week.ShouldBe(2, "the February half term does not count");
    }

    [Fact]
    public void TermlyReview_OpensInTheLastTwoWeeksOfATerm_AndStaysOpenInTheHolidayAfterIt()
    {
        EpisodeCycles.ReviewableTerm(Calendar, D(2026, 11, 20)).ShouldBeNull("the autumn term has four weeks to go");
        EpisodeCycles.ReviewableTerm(Calendar, D(2026, 12, 7))!.LastDay.ShouldBe(D(2026, 12, 18));
        EpisodeCycles.ReviewableTerm(Calendar, D(2026, 12, 28))!.LastDay.ShouldBe(D(2026, 12, 18), "the Christmas holiday after the autumn term");
        EpisodeCycles.ReviewableTerm(Calendar, D(2027, 1, 11)).ShouldBeNull("the spring term has just begun");
        EpisodeCycles.ReviewableTerm(Calendar, D(2027, 3, 22))!.LastDay.ShouldBe(D(2027, 3, 25));
    }
}
