using SecureBase.Common;
using SecureBase.Pupils;
using SecureBase.Staff;

namespace SecureBase.Tests.Pupils;

/// <summary>Specified vs delivered: the pure calculation, on data the tests make up (sessions are not recorded yet).</summary>
public sealed class EhcpProvisionCalculatorTests
{
    private static readonly PupilId Jamal = PupilId.New();
    private static readonly PupilId Amara = PupilId.New();
    private static readonly DateOnly Start = new(2025, 9, 1);

    private static ProvisionPeriod Period(decimal weeks, decimal halfTerms) => new(Start, new DateOnly(2026, 3, 31), weeks, halfTerms, IsEstimate: false);

    private static SpecifiedProvision Weekly(PupilId p, Discipline d, int minutes, ProvisionDelivery delivery = ProvisionDelivery.Individual, int sessions = 1) =>
        new(p, d, sessions, ProvisionFrequency.PerWeek, minutes, delivery);

    private static DeliveredSession Session(PupilId p, Discipline d, int day, int minutes, bool group = false) => new(p, d, Start.AddDays(day), minutes, group);

    [Fact]
    public void WeeklyProvision_OverTwelveSchoolWeeks_SpecifiesTwelveSessions()
    {
        var result = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.SpeechAndLanguage, 45)], Period(12, 2), []);

        var salt = result.Single().Disciplines.Single();
        salt.Discipline.ShouldBe(Discipline.SpeechAndLanguage);
        salt.Totals.SpecifiedSessions.ShouldBe(12m);
        salt.Totals.SpecifiedMinutes.ShouldBe(540m);
    }

    [Fact]
    public void HalfTermlyProvision_OverTwoHalfTerms_SpecifiesSessionsPerHalfTermTimesTwo()
    {
        var ot = new SpecifiedProvision(Jamal, Discipline.OccupationalTherapy, 6, ProvisionFrequency.PerHalfTerm, 30, ProvisionDelivery.Individual);

        var totals = ProvisionCalculator.Compare([ot], Period(13, 2), []).Single().Totals;

        totals.SpecifiedSessions.ShouldBe(12m, "6 a half term for 2 half terms, whatever the number of weeks");
        totals.SpecifiedMinutes.ShouldBe(360m);
    }

    [Fact]
    public void NothingDelivered_ShortfallIsEverythingSpecified_AndDeliveredIsZeroPercent()
    {
        var totals = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.Counselling, 50)], Period(10, 1.5m), []).Single().Totals;

        totals.DeliveredSessions.ShouldBe(0);
        totals.DeliveredMinutes.ShouldBe(0);
        totals.ShortfallSessions.ShouldBe(10m);
        totals.ShortfallMinutes.ShouldBe(500m);
        totals.PercentDelivered.ShouldBe(0);
    }

    [Fact]
    public void SomeSessionsDelivered_ShortfallAndPercentageComeFromMinutes()
    {
        // 4 weeks of 45 minutes = 180 specified; three full sessions and one cut short to 30 minutes = 165 delivered.
        var delivered = new[]
        {
            Session(Jamal, Discipline.SpeechAndLanguage, 1, 45), Session(Jamal, Discipline.SpeechAndLanguage, 8, 45),
            Session(Jamal, Discipline.SpeechAndLanguage, 15, 45), Session(Jamal, Discipline.SpeechAndLanguage, 22, 30),
        };

        var totals = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.SpeechAndLanguage, 45)], Period(4, 0.6m), delivered).Single().Totals;

        totals.DeliveredSessions.ShouldBe(4);
        totals.DeliveredMinutes.ShouldBe(165);
        totals.ShortfallSessions.ShouldBe(0m);
        totals.ShortfallMinutes.ShouldBe(15m);
        totals.PercentDelivered.ShouldBe(91, "165 of 180 minutes is 91.7%, rounded down");
    }

    [Fact]
    public void GroupSessions_DoNotMakeUpForMissingIndividualSessions()
    {
        var delivered = Enumerable.Range(0, 4).Select(w => Session(Jamal, Discipline.SpeechAndLanguage, 7 * w, 45, group: true)).ToList();

        var salt = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.SpeechAndLanguage, 45)], Period(4, 0.6m), delivered).Single().Disciplines.Single();

        var individual = salt.Lines.Single(l => l.Delivery == ProvisionDelivery.Individual).Totals;
        individual.DeliveredSessions.ShouldBe(0);
        individual.ShortfallMinutes.ShouldBe(180m);
        var group = salt.Lines.Single(l => l.Delivery == ProvisionDelivery.Group).Totals;
        group.SpecifiedSessions.ShouldBe(0m);
        group.DeliveredSessions.ShouldBe(4);
        group.PercentDelivered.ShouldBeNull("nothing was specified as group");
        salt.Totals.DeliveredMinutes.ShouldBe(180, "everything delivered is shown");
        salt.Totals.ShortfallMinutes.ShouldBe(180m, "but the individual provision is still owed");
        salt.Totals.PercentDelivered.ShouldBe(0);
    }

    [Fact]
    public void IndividualAndGroupProvision_InOneDiscipline_AreEachMetByTheirOwnKindOfSession()
    {
        var specified = new[] { Weekly(Jamal, Discipline.SpeechAndLanguage, 45), Weekly(Jamal, Discipline.SpeechAndLanguage, 30, ProvisionDelivery.Group) };
        var delivered = new[] { Session(Jamal, Discipline.SpeechAndLanguage, 1, 45), Session(Jamal, Discipline.SpeechAndLanguage, 2, 30, group: true) };

        var salt = ProvisionCalculator.Compare(specified, Period(2, 0.3m), delivered).Single().Disciplines.Single();

        salt.Lines.Count.ShouldBe(2);
        salt.Totals.SpecifiedSessions.ShouldBe(4m);
        salt.Totals.SpecifiedMinutes.ShouldBe(150m);
        salt.Totals.DeliveredSessions.ShouldBe(2);
        salt.Totals.ShortfallMinutes.ShouldBe(75m);
        salt.Totals.PercentDelivered.ShouldBe(50);
    }

    [Fact]
    public void DeliveringMoreThanSpecified_LeavesNoShortfall_AndCountsAsAHundredPercent()
    {
        var delivered = Enumerable.Range(0, 5).Select(d => Session(Jamal, Discipline.Counselling, d, 50)).ToList();

        var totals = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.Counselling, 50)], Period(3, 0.5m), delivered).Single().Totals;

        totals.DeliveredSessions.ShouldBe(5);
        totals.ShortfallSessions.ShouldBe(0m);
        totals.ShortfallMinutes.ShouldBe(0m);
        totals.PercentDelivered.ShouldBe(100);
    }

    [Fact]
    public void SessionsOutsideThePeriod_AndOfOtherPupils_AreNotCounted()
    {
        var period = Period(2, 0.3m);
        var delivered = new[]
        {
            new DeliveredSession(Jamal, Discipline.Counselling, period.From.AddDays(-1), 50, false),
            new DeliveredSession(Jamal, Discipline.Counselling, period.To.AddDays(1), 50, false),
            new DeliveredSession(Jamal, Discipline.Counselling, period.To, 50, false),
            new DeliveredSession(Amara, Discipline.Counselling, period.From, 50, false),
        };

        var result = ProvisionCalculator.Compare([Weekly(Jamal, Discipline.Counselling, 50)], period, delivered);

        result.Single(p => p.PupilId == Jamal).Totals.DeliveredSessions.ShouldBe(1, "only the session on the last day of the period");
        var amara = result.Single(p => p.PupilId == Amara).Totals;
        amara.DeliveredSessions.ShouldBe(1);
        amara.SpecifiedSessions.ShouldBe(0m, "Amara's plan specifies nothing, so her session is delivered against nothing");
    }

    [Fact]
    public void SeveralPupilsAndDisciplines_AreReportedPerPupil_AndPerDiscipline()
    {
        var specified = new[]
        {
            Weekly(Jamal, Discipline.SpeechAndLanguage, 45),
            new SpecifiedProvision(Jamal, Discipline.OccupationalTherapy, 6, ProvisionFrequency.PerHalfTerm, 30, ProvisionDelivery.Individual),
            Weekly(Amara, Discipline.Counselling, 50, sessions: 2),
        };

        var result = ProvisionCalculator.Compare(specified, Period(6, 1), []);

        var jamal = result.Single(p => p.PupilId == Jamal);
        jamal.Disciplines.Select(d => d.Discipline).ShouldBe([Discipline.SpeechAndLanguage, Discipline.OccupationalTherapy]);
        jamal.Totals.SpecifiedSessions.ShouldBe(12m, "6 weekly SaLT and 6 OT in one half term");
        jamal.Totals.SpecifiedMinutes.ShouldBe(6 * 45 + 6 * 30);
        result.Single(p => p.PupilId == Amara).Totals.SpecifiedSessions.ShouldBe(12m, "2 a week for 6 weeks");
    }

    [Theory]
    [InlineData(2025, 9, 1, 2025, 0.1, 0.0)]
    [InlineData(2026, 3, 12, 2025, 23.4, 3.6)]
    [InlineData(2026, 7, 31, 2025, 39.0, 6.0)]
    [InlineData(2026, 8, 20, 2025, 39.0, 6.0)]
    [InlineData(2026, 9, 2, 2026, 0.2, 0.0)]
    public void TheAcademicYearSoFar_IsEstimated_FromFirstSeptember(int y, int m, int d, int startYear, double weeks, double halfTerms)
    {
        var period = ProvisionPeriod.AcademicYearSoFar(new DateOnly(y, m, d));

        period.From.ShouldBe(new DateOnly(startYear, 9, 1));
        period.To.ShouldBe(new DateOnly(y, m, d));
        period.SchoolWeeks.ShouldBe((decimal)weeks);
        period.HalfTerms.ShouldBe((decimal)halfTerms);
        period.IsEstimate.ShouldBeTrue();
    }
}
