using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Sessions;
using SecureBase.Staff;
using SecureBase.Tests.Schools;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Sessions;

/// <summary>The 6-week rule's count: consecutive school weeks refused, as a pure function of the recorded attendance.</summary>
public sealed class RefusalCountTests
{
    private static readonly SecureBase.Schools.SchoolCalendar Calendar = CalendarTestData.Calendar();

    private static RefusalRun Count(params (DateOnly Date, Attendance Attendance)[] sessions) =>
        RefusalCount.Of(Calendar, sessions.Select(s => new AttendanceOn(s.Date, s.Attendance)));

    [Fact]
    public void ThreeRefusedWeeksInARow_CountThree_FromTheMondayOfTheFirst()
    {
        var run = Count((D(2026, 11, 3), Attendance.Attended), (D(2026, 11, 10), Attendance.Refused), (D(2026, 11, 17), Attendance.Refused), (D(2026, 11, 26), Attendance.Refused));
        run.ShouldBe(new RefusalRun(3, D(2026, 11, 9)));
    }

    [Fact]
    public void AbsenceCancellationsAndDisplacements_NeitherCountNorReset()
    {
        var run = Count(
            (D(2026, 9, 8), Attendance.Refused),
            (D(2026, 9, 15), Attendance.PupilAbsent),
            (D(2026, 9, 22), Attendance.Refused),
            (D(2026, 9, 29), Attendance.CancelledBySchool),
            (D(2026, 10, 6), Attendance.CancelledByTherapist),
            (D(2026, 10, 13), Attendance.DisplacedFromRoom),
            (D(2026, 10, 20), Attendance.Refused));
        run.ShouldBe(new RefusalRun(3, D(2026, 9, 7)));
    }

    [Fact]
    public void AWeekAttended_ResetsTheCount_EvenWithARefusalTheSameWeek()
    {
        Count((D(2026, 9, 8), Attendance.Refused), (D(2026, 9, 15), Attendance.Refused), (D(2026, 9, 22), Attendance.Attended)).ShouldBe(RefusalRun.None);
        Count((D(2026, 9, 8), Attendance.Refused), (D(2026, 9, 15), Attendance.Refused), (D(2026, 9, 16), Attendance.Attended)).ShouldBe(RefusalRun.None);
        Count((D(2026, 9, 8), Attendance.Attended), (D(2026, 9, 15), Attendance.Refused)).ShouldBe(new RefusalRun(1, D(2026, 9, 14)));
    }

    [Fact]
    public void WeeksWithNoSession_AndTheHalfTermHoliday_NeitherCountNorReset_AndTheOrderRecordedDoesNotMatter()
    {
        // 20 October is the last week of Autumn 1; 3 November the first of Autumn 2; 17 November skips a week with no session.
        var run = Count((D(2026, 11, 17), Attendance.Refused), (D(2026, 10, 20), Attendance.Refused), (D(2026, 11, 3), Attendance.Refused));
        run.ShouldBe(new RefusalRun(3, D(2026, 10, 19)));
        Count().ShouldBe(RefusalRun.None);
    }

    [Theory]
    [InlineData(3, 3, "WarnAfterWeeks")]
    [InlineData(6, 3, "WarnAfterWeeks")]
    [InlineData(0, 6, "WarnAfterWeeks")]
    [InlineData(3, 21, "ReleaseAfterWeeks")]
    [InlineData(null, 6, "WarnAfterWeeks")]
    public void Thresholds_ThatMakeNoSense_AreRefused_AndChangeNothing(int? warn, int? release, string field)
    {
        var settings = EngagementSettings.DefaultsFor(SchoolId.New());
        var changed = settings.Change(warn, release);
        changed.IsSuccess.ShouldBeFalse();
        ((Error.Validation)changed.Error!).Fields.ShouldContain(f => f.Field == field);
        (settings.WarnAfterWeeks, settings.ReleaseAfterWeeks).ShouldBe((3, 6));
        settings.Change(2, 4).IsSuccess.ShouldBeTrue();
        (settings.WarnAfterWeeks, settings.ReleaseAfterWeeks).ShouldBe((2, 4));
    }

    [Fact]
    public void TheEpisode_WarnsOncePerRun_AgainForANewRun_AndClosesForDisengagementAtTheRelease()
    {
        var episode = Episode.Import(SchoolId.New(), PupilId.New(), StaffId.New(), Discipline.Counselling, D(2026, 9, 7));
        episode.CountRefusals(2, D(2026, 9, 7), 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.None);
        episode.CountRefusals(3, D(2026, 9, 7), 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.Warn);
        episode.CountRefusals(4, D(2026, 9, 7), 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.None, "the run was warned about already");
        episode.CountRefusals(0, null, 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.None);
        episode.RefusedWeeks.ShouldBe(0);
        episode.CountRefusals(3, D(2026, 11, 2), 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.Warn, "a new run is warned about");
        episode.CountRefusals(6, D(2026, 11, 2), 3, 6, D(2026, 12, 6)).ShouldBe(DisengagementStep.Released);
        (episode.Status, episode.DischargeReason, episode.EndDate).ShouldBe((EpisodeStatus.Closed, DischargeReason.Disengagement, D(2026, 12, 6)));
        episode.TakeEvents().OfType<EpisodeEnded>().Single().Reason.ShouldBe(DischargeReason.Disengagement);
        episode.CountRefusals(7, D(2026, 11, 2), 3, 6, D(2026, 12, 13)).ShouldBe(DisengagementStep.None, "a closed episode is not counted");
    }

    [Fact]
    public void AStrategy_NeedsWords_AndADateNotInTheFuture()
    {
        var episode = Episode.Import(SchoolId.New(), PupilId.New(), StaffId.New(), Discipline.Counselling, D(2026, 9, 7));
        var refused = episode.AddEngagementStrategy(D(2026, 12, 5), " ", Guid.NewGuid(), "Test", D(2026, 12, 4), new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc));
        ((Error.Validation)refused.Error!).Fields.Select(f => f.Field).Order().ShouldBe(["TriedOn", "What"]);
        episode.AddEngagementStrategy(D(2026, 12, 1), "Met at the school gate and walked to the room together", Guid.NewGuid(), "Test", D(2026, 12, 4), new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc)).IsSuccess.ShouldBeTrue();
        episode.EngagementStrategies.Single().What.ShouldStartWith("Met at the school gate");
    }
}
