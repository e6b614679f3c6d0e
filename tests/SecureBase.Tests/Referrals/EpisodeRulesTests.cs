using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Staff;

namespace SecureBase.Tests.Referrals;

/// <summary>Allocation's rules, kept by the episode itself: whatever opens an episode (page, API, a later import) gets the same answers.</summary>
public sealed class EpisodeRulesTests
{
    private static readonly SchoolId School = SchoolId.New();
    private static readonly PupilId Pupil = PupilId.New();
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static StaffMember Practitioner(Discipline discipline, int? capacity = 10) =>
        StaffMember.Create(School, "S1", new StaffDetails(null, "Grace", "Hopper", null, "Counsellor", discipline, RegistrationBody.None, null, null, capacity));

    [Fact]
    public void Open_APractitionerWhoMeetsTheNeed_WithAFreePlace_OpensTheEpisode_AndRaisesEpisodeOpened()
    {
        var counsellor = Practitioner(Discipline.Counselling);
        var opened = Episode.Open(School, Pupil, Discipline.Counselling, Today.AddDays(3), new EpisodeOpening(counsellor, 9, false, Today));

        opened.IsSuccess.ShouldBeTrue();
        opened.Value.Status.ShouldBe(EpisodeStatus.Open);
        opened.Value.StaffId.ShouldBe(counsellor.Id);
        var raised = opened.Value.TakeEvents().ShouldHaveSingleItem().ShouldBeOfType<EpisodeOpened>();
        (raised.EpisodeId, raised.PupilId, raised.StaffId, raised.StartDate).ShouldBe((opened.Value.Id, Pupil, counsellor.Id, Today.AddDays(3)));
    }

    [Fact]
    public void Open_APractitionerOfAnotherDiscipline_IsRefusedNamingBoth()
    {
        var opened = Episode.Open(School, Pupil, Discipline.PlayTherapy, Today, new EpisodeOpening(Practitioner(Discipline.SpeechAndLanguage), 0, false, Today));

        opened.Error.ShouldBeOfType<Error.Validation>().Fields.ShouldHaveSingleItem().Message.ShouldContain("does not meet a need for play therapy");
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(null, 0)]
    public void Open_AFullCaseload_IsRefusedWithTheCount(int? capacity, int open)
    {
        var opened = Episode.Open(School, Pupil, Discipline.Counselling, Today, new EpisodeOpening(Practitioner(Discipline.Counselling, capacity), open, false, Today));

        opened.Error.ShouldBeOfType<Error.Validation>().Fields.ShouldHaveSingleItem().Message.ShouldContain($"caseload is full ({open}/{capacity ?? 0})");
    }

    [Fact]
    public void Open_APupilAlreadyInThisTherapy_IsAConflict()
    {
        var opened = Episode.Open(School, Pupil, Discipline.Counselling, Today, new EpisodeOpening(Practitioner(Discipline.Counselling), 0, true, Today));

        opened.Error.ShouldBeOfType<Error.Conflict>().Message.ShouldContain("already in counselling");
    }

    [Theory]
    [InlineData(-8, false)]
    [InlineData(-7, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void Open_TheStartDate_IsFromAWeekBeforeTheDecisionToThreeMonthsAfter(int days, bool allowed)
    {
        var opened = Episode.Open(School, Pupil, Discipline.Counselling, Today.AddDays(days), new EpisodeOpening(Practitioner(Discipline.Counselling), 0, false, Today));

        opened.IsSuccess.ShouldBe(allowed);
        if (!allowed)
        {
            opened.Error.ShouldBeOfType<Error.Validation>().Fields.ShouldHaveSingleItem().Field.ShouldBe("StartDate");
        }
    }

    [Fact]
    public void Open_APractitionerWhoHasLeft_IsRefused()
    {
        var left = Practitioner(Discipline.Counselling);
        left.MarkLeft(Today.AddDays(-1));

        Episode.Open(School, Pupil, Discipline.Counselling, Today, new EpisodeOpening(left, 0, false, Today)).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Close_RaisesEpisodeEnded_Once_AndASecondCloseIsAConflict()
    {
        var episode = Episode.Open(School, Pupil, Discipline.Counselling, Today, new EpisodeOpening(Practitioner(Discipline.Counselling), 0, false, Today)).Value;
        episode.TakeEvents();

        episode.Close(Today.AddDays(30), DischargeReason.NaturalEndPoint, "Goals met").IsSuccess.ShouldBeTrue();
        var ended = episode.TakeEvents().ShouldHaveSingleItem().ShouldBeOfType<EpisodeEnded>();
        (ended.EndDate, ended.Reason).ShouldBe((Today.AddDays(30), DischargeReason.NaturalEndPoint));

        episode.Close(Today.AddDays(31), DischargeReason.ClinicalJudgement).Error.ShouldBeOfType<Error.Conflict>();
        episode.TakeEvents().ShouldBeEmpty();
        episode.EndDate.ShouldBe(Today.AddDays(30));
    }

    [Fact]
    public void RecordConfidentialityExplained_NeedsTheResponse_AndNotADayStillToCome()
    {
        var episode = Episode.Open(School, Pupil, Discipline.Counselling, Today, new EpisodeOpening(Practitioner(Discipline.Counselling), 0, false, Today)).Value;

        episode.RecordConfidentialityExplained(Today.AddDays(1), "Nodded", Today).Error.ShouldBeOfType<Error.Validation>().Fields[0].Field.ShouldBe("ExplainedOn");
        episode.RecordConfidentialityExplained(Today, "  ", Today).Error.ShouldBeOfType<Error.Validation>().Fields[0].Field.ShouldBe("Response");
        episode.ConfidentialityExplainedOn.ShouldBeNull();

        episode.RecordConfidentialityExplained(Today, "Asked who else would know; understood the exceptions", Today).IsSuccess.ShouldBeTrue();
        episode.ConfidentialityExplainedOn.ShouldBe(Today);
    }
}
