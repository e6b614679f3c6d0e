using SecureBase.Scheduling.Allocation;
using static SecureBase.Scheduling.Allocation.TherapyDisciplines;

namespace SecureBase.Scheduling.Tests.Allocation;

public sealed class DisciplineMatchTableTests
{
    [Theory]
    [InlineData(Counselling, Counselling, DisciplineMatch.Exact)]
    [InlineData(Counselling, Psychotherapy, DisciplineMatch.Related)]
    [InlineData(Psychotherapy, Cbt, DisciplineMatch.Related)]
    [InlineData(Cbt, Counselling, DisciplineMatch.Related)]
    [InlineData(PlayTherapy, MusicTherapy, DisciplineMatch.Related)]
    [InlineData(DramaTherapy, ArtTherapy, DisciplineMatch.Related)]
    [InlineData(Counselling, ClinicalPsychology, DisciplineMatch.Related)]
    [InlineData(ClinicalPsychology, Counselling, DisciplineMatch.None)]
    [InlineData(SpeechAndLanguage, OccupationalTherapy, DisciplineMatch.None)]
    [InlineData(Counselling, PlayTherapy, DisciplineMatch.None)]
    [InlineData(Elsa, Counselling, DisciplineMatch.None)]
    [InlineData("counselling", "COUNSELLING", DisciplineMatch.Exact)]
    public void Default_MatchesTheFamiliesOfTherapy(string needed, string practised, DisciplineMatch expected) =>
        DisciplineMatchTable.Default.Match(needed, practised).ShouldBe(expected);

    [Fact]
    public void CustomTable_OverridesTheDefault_AndIsUsedByTheRanking()
    {
        var table = new DisciplineMatchTable([new DisciplineMatchRule(SpeechAndLanguage, TherapyAssistant, DisciplineMatch.Related)]);
        var input = Waiting.Input(
            [Waiting.Practitioner("ta", TherapyAssistant), Waiting.Practitioner("couns", Counselling)],
            [Waiting.Pupil("p1", SpeechAndLanguage)],
            table: table);

        var ranking = AllocationProposer.Rank(input, "p1")!;

        ranking.ShouldHaveSingleItem().PractitionerId.ShouldBe("ta");
        ranking[0].Reason.ShouldStartWith("Related discipline (therapy assistant support for a speech and language therapy referral)");
    }

    [Fact]
    public void FromRelatedGroups_RelatesEveryPairBothWays_AndNamesUnknownDisciplinesAsGiven()
    {
        var table = DisciplineMatchTable.FromRelatedGroups([["Sensory integration", OccupationalTherapy]]);

        table.Match("Sensory integration", OccupationalTherapy).ShouldBe(DisciplineMatch.Related);
        table.Match(OccupationalTherapy, "Sensory integration").ShouldBe(DisciplineMatch.Related);
        table.Match(Counselling, Psychotherapy).ShouldBe(DisciplineMatch.None);
        table.Describe("Sensory integration").ShouldBe("Sensory integration");
        table.Describe(OccupationalTherapy).ShouldBe("occupational therapy");
    }
}
