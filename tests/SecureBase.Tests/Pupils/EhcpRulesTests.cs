using SecureBase.Common;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Tests.Pupils;

/// <summary>What an EHCP may say, and when it is out of date: the rules on their own, without a database.</summary>
public sealed class EhcpRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlySet<Discipline> Offered = new HashSet<Discipline> { Discipline.SpeechAndLanguage, Discipline.OccupationalTherapy, Discipline.Counselling };

    private static Pupil Jamal(SenStatus sen = SenStatus.Ehcp)
    {
        Upn.TryParse("R201100018042", out var upn, out _).ShouldBeTrue();
        return Pupil.Create(SchoolId.New(), upn, new PupilDetails("Jamal", "O'Neill", null, null, new DateOnly(2014, 3, 2), 7, "7A", false, sen, false, null), Now);
    }

    private static EhcpPlan Plan(DateOnly planDate, DateOnly nextReview, params Discipline[] disciplines)
    {
        var pupil = Jamal();
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(planDate, nextReview, "Riverside Borough Council", null), Today, Now).Value;
        foreach (var d in disciplines)
        {
            plan.AddProvision(pupil, new ProvisionDetails(d, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual, "Therapist"), Now).IsSuccess.ShouldBeTrue();
        }

        return plan;
    }

    private static IReadOnlyList<string> FieldErrors(Error? error) =>
        error is Error.Validation v ? v.Fields.Select(f => $"{f.Field}: {f.Message}").ToList() : [error?.Message ?? "no error"];

    [Fact]
    public void APlan_ForAPupilWhoseSenStatusIsNotEhcp_IsRefused_SayingWhy()
    {
        var result = EhcpPlan.Create(Jamal(SenStatus.SenSupport), new EhcpPlanDetails(Today.AddMonths(-1), Today.AddMonths(11), "Riverside", null), Today, Now);

        result.Error.ShouldBeOfType<Error.Conflict>().Message.ShouldBe(
            "Jamal O'Neill does not have an EHCP in the school's records (their SEN status is SEN support). Only a pupil with an EHCP can have EHCP provision recorded: update their SEN status first.");
    }

    [Fact]
    public void APupilWhoHasLeft_CannotHaveTheirPlanChanged()
    {
        var pupil = Jamal();
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(Today.AddMonths(-1), Today.AddMonths(11), "Riverside", null), Today, Now).Value;
        pupil.MarkLeft(Today, Now);

        plan.AddProvision(pupil, new ProvisionDetails(Discipline.Counselling, 1, ProvisionFrequency.PerWeek, 50, ProvisionDelivery.Individual, "Counsellor"), Now)
            .Error!.Message.ShouldBe("Jamal O'Neill left on 10 March 2026; their record is read-only.");
        plan.Provision.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-03-11", "2027-03-01", "Riverside", "PlanDate: The plan date cannot be in the future")]
    [InlineData("2013-06-01", "2027-03-01", "Riverside", "PlanDate: The plan date must be on or after 1 September 2014, when EHCPs began")]
    [InlineData("2026-01-05", "2026-01-05", "Riverside", "NextReviewDue: The next annual review must be after the plan date (5 January 2026)")]
    [InlineData("2026-01-05", "2027-01-05", "", "LocalAuthority: Enter local authority")]
    [InlineData("2026-01-05", "2027-01-05", "Riverside\u202Egnp.exe", "LocalAuthority: Local authority contains a hidden text-direction character; please retype it")]
    [InlineData("2026-01-05", "2027-01-05", "Riverside\u0000Council", "LocalAuthority: Local authority contains a control character; please retype it")]
    public void PlanDetails_ThatCannotBeRight_AreRefused_NamingTheField(string planDate, string nextReview, string authority, string expected)
    {
        var result = EhcpPlan.Create(Jamal(), new EhcpPlanDetails(DateOnly.Parse(planDate, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(nextReview, System.Globalization.CultureInfo.InvariantCulture), authority, null), Today, Now);

        FieldErrors(result.Error).ShouldContain(expected);
    }

    [Fact]
    public void ALocalAuthorityNameTooLong_IsRefused_WithItsLength()
    {
        var result = EhcpPlan.Create(Jamal(), new EhcpPlanDetails(Today.AddMonths(-1), Today.AddMonths(11), new string('x', 101), null), Today, Now);

        FieldErrors(result.Error).ShouldContain("LocalAuthority: Local authority must be 100 characters or fewer (it has 101)");
    }

    [Theory]
    [InlineData(0, ProvisionFrequency.PerWeek, 45, "Sessions: Sessions per week must be between 1 and 10")]
    [InlineData(11, ProvisionFrequency.PerWeek, 45, "Sessions: Sessions per week must be between 1 and 10")]
    [InlineData(61, ProvisionFrequency.PerHalfTerm, 30, "Sessions: Sessions per half term must be between 1 and 60")]
    [InlineData(1, ProvisionFrequency.PerWeek, 4, "MinutesPerSession: Minutes per session must be between 5 and 240")]
    [InlineData(1, ProvisionFrequency.PerWeek, 241, "MinutesPerSession: Minutes per session must be between 5 and 240")]
    [InlineData(1, (ProvisionFrequency)9, 45, "Frequency: Choose how often: per week or per half term")]
    public void Provision_OutsideWhatAPlanCanSay_IsRefused_NamingTheField(int sessions, ProvisionFrequency frequency, int minutes, string expected)
    {
        var result = ProvisionItem.Check(new ProvisionDetails(Discipline.SpeechAndLanguage, sessions, frequency, minutes, ProvisionDelivery.Individual, "Speech and language therapist"));

        FieldErrors(result.Error).ShouldContain(expected);
    }

    [Fact]
    public void Provision_WithUnknownChoicesAndNoOneDeliveringIt_IsRefused_NamingEachField()
    {
        var result = ProvisionItem.Check(new ProvisionDetails((Discipline)99, 1, ProvisionFrequency.PerWeek, 45, (ProvisionDelivery)7, "  "));

        FieldErrors(result.Error).ShouldBe(
        [
            "Discipline: Choose a discipline from the list",
            "Delivery: Choose individual or group",
            "DeliveredBy: Enter who delivers it",
        ]);
    }

    [Fact]
    public void Provision_IsDescribedInTheSchoolsWords()
    {
        var plan = Plan(Today.AddMonths(-1), Today.AddMonths(11));
        var item = plan.AddProvision(Jamal(), new ProvisionDetails(Discipline.OccupationalTherapy, 6, ProvisionFrequency.PerHalfTerm, 30, ProvisionDelivery.Group, " TA under OT direction "), Now);

        item.Value.Describe().ShouldBe("6 × 30 minutes each half term, group");
        item.Value.DeliveredBy.ShouldBe("TA under OT direction");
    }

    [Fact]
    public void AnAnnualReview_CannotBeInTheFuture_BeforeThePlan_OrFollowedByAnEarlierNextReview()
    {
        var pupil = Jamal();
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1), "Riverside", null), Today, Now).Value;

        FieldErrors(plan.RecordAnnualReview(pupil, Today.AddDays(1), Today.AddMonths(12), Today, Now).Error).ShouldContain("ReviewedOn: The date of the review cannot be in the future");
        FieldErrors(plan.RecordAnnualReview(pupil, new DateOnly(2025, 4, 1), Today.AddMonths(12), Today, Now).Error).ShouldContain("ReviewedOn: The date of the review cannot be before the plan's date (1 May 2025)");
        FieldErrors(plan.RecordAnnualReview(pupil, Today, Today, Today, Now).Error).ShouldContain("NextReviewDue: The next annual review must be after this review (10 March 2026)");
        plan.LastReviewedOn.ShouldBeNull();

        plan.RecordAnnualReview(pupil, Today, Today.AddMonths(12), Today, Now).IsSuccess.ShouldBeTrue();
        plan.LastReviewedOn.ShouldBe(Today);
        plan.NextReviewDue.ShouldBe(new DateOnly(2027, 3, 10));
    }

    [Fact]
    public void AnUpToDatePlan_HasNoFlags()
    {
        EhcpFlags.For(Plan(Today.AddMonths(-3), Today.AddMonths(9), Discipline.SpeechAndLanguage), "Jamal O'Neill", Offered, Today).ShouldBeEmpty();
    }

    [Fact]
    public void APlanMoreThan12MonthsOld_WithNoReviewSince_IsFlagged_TheDayAfterItsFirstAnniversary()
    {
        var plan = Plan(new DateOnly(2025, 3, 10), new DateOnly(2026, 6, 1));

        EhcpFlags.For(plan, "Jamal O'Neill", Offered, new DateOnly(2026, 3, 10)).ShouldBeEmpty("exactly 12 months old is not yet out of date");
        var flag = EhcpFlags.For(plan, "Jamal O'Neill", Offered, new DateOnly(2026, 3, 11)).ShouldHaveSingleItem();
        flag.Kind.ShouldBe(EhcpFlagKind.NotReviewedFor12Months);
        flag.Reason.ShouldBe("Jamal O'Neill's EHCP is dated 10 March 2025 and has had no annual review since: it is more than 12 months old.");
    }

    [Fact]
    public void AnAnnualReviewWithin12Months_KeepsAnOldPlanUpToDate_UntilThatReviewIs12MonthsOld()
    {
        var pupil = Jamal();
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(new DateOnly(2023, 1, 10), new DateOnly(2024, 1, 10), "Riverside", null), Today, Now).Value;
        plan.RecordAnnualReview(pupil, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 28), Today, Now).IsSuccess.ShouldBeTrue();

        EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today).ShouldBeEmpty();
        var later = EhcpFlags.For(plan, "Jamal O'Neill", Offered, new DateOnly(2026, 6, 2));
        later.Select(f => f.Kind).ShouldBe([EhcpFlagKind.NotReviewedFor12Months, EhcpFlagKind.ReviewOverdue]);
        later[0].Reason.ShouldBe("Jamal O'Neill's EHCP was last reviewed on 1 June 2025, more than 12 months ago.");
    }

    [Fact]
    public void APassedReviewDate_IsFlagged_SayingWhenItWasDue()
    {
        var plan = Plan(new DateOnly(2025, 6, 1), new DateOnly(2026, 3, 3));

        var flag = EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today).ShouldHaveSingleItem();

        flag.Kind.ShouldBe(EhcpFlagKind.ReviewOverdue);
        flag.Label.ShouldBe("Review overdue");
        flag.Reason.ShouldBe("Jamal O'Neill's EHCP annual review was due on 3 March 2026.");
        EhcpFlags.For(plan, "Jamal O'Neill", Offered, new DateOnly(2026, 3, 3)).ShouldBeEmpty("due today is not yet overdue");
    }

    [Fact]
    public void ProvisionInADisciplineNoOneAtTheSchoolOffers_IsFlagged_OncePerDiscipline()
    {
        var plan = Plan(Today.AddMonths(-2), Today.AddMonths(10), Discipline.MusicTherapy, Discipline.SpeechAndLanguage, Discipline.MusicTherapy, Discipline.Cbt);

        var flags = EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today);

        flags.ShouldAllBe(f => f.Kind == EhcpFlagKind.DisciplineNotOffered);
        flags.Select(f => f.Reason).ShouldBe(
        [
            "Jamal O'Neill's EHCP specifies music therapy, which no one at the school currently offers.",
            "Jamal O'Neill's EHCP specifies CBT/REBT, which no one at the school currently offers.",
        ]);
        flags.Select(f => f.Label).ShouldBe(["Music therapy not offered", "CBT/REBT not offered"]);
    }

    [Fact]
    public void EachReason_HasItsOwnKey_AndAMissedNewReviewDateIsANewReason()
    {
        var pupil = Jamal();
        var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(new DateOnly(2025, 1, 6), new DateOnly(2026, 1, 6), "Riverside", null), Today, Now).Value;
        var before = EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today).Select(f => f.Key).ToList();
        before.Distinct().Count().ShouldBe(2);
        EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today).Select(f => f.Key).ShouldBe(before, "the same reasons keep their keys");

        plan.RecordAnnualReview(pupil, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), Today, Now).IsSuccess.ShouldBeTrue();

        var after = EhcpFlags.For(plan, "Jamal O'Neill", Offered, Today).ShouldHaveSingleItem();
        after.Kind.ShouldBe(EhcpFlagKind.ReviewOverdue);
        before.ShouldNotContain(after.Key);
    }
}
