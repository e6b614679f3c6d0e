using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Outcomes;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Outcomes;

/// <summary>The demo school's episodes carry TOM ratings and SDQs from their history, so the outcomes charts show real figures; the demo parent's child and the demo pupil have assessments profiles.</summary>
public sealed class DemoOutcomesTests
{
    [Fact]
    public async Task TheDemoSchool_EpisodesHaveTheTomRatingsTheirWeeksHavePassed_MeaningfulChanges_AndSdqs()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var today = SchoolTime.London.Today(app.Clock);
        var calendar = await SchoolCalendar.LoadAsync(db);
        var started = (await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open).ToListAsync()).Where(e => e.StartDate < today).ToList();
        var tom = await db.TomRatings.AsNoTracking().ToListAsync();

        var pastBaseline = started.Where(e => EpisodeCycles.PositionNow(calendar, e.StartDate, today) is { } p && (p.Cycle > 1 || p.Week > 2)).ToList();
        pastBaseline.ShouldNotBeEmpty();
        pastBaseline.ShouldAllBe(e => tom.Any(t => t.EpisodeId == e.Id && t.Cycle == 1 && t.Point == TomPoint.Baseline), "a baseline once weeks 1–2 are over");
        var pastInterim = started.Where(e => EpisodeCycles.PositionNow(calendar, e.StartDate, today) is { } p && (p.Cycle > 1 || p.Week > 6)).ToList();
        pastInterim.ShouldAllBe(e => tom.Any(t => t.EpisodeId == e.Id && t.Cycle == 1 && t.Point == TomPoint.Interim), "an interim once week 6 is over");
        var inWeek1or2 = started.Where(e => EpisodeCycles.PositionNow(calendar, e.StartDate, today) is { Cycle: 1, Week: <= 2 }).ToList();
        inWeek1or2.ShouldAllBe(e => !tom.Any(t => t.EpisodeId == e.Id), "a rating whose week is now is left for the practitioner");
        tom.ShouldAllBe(t => TomRating.OnScale(t.Impairment) && TomRating.OnScale(t.Activity) && TomRating.OnScale(t.Participation) && TomRating.OnScale(t.WellBeing));

        var summaries = scope.ServiceProvider.GetRequiredService<IOutcomeSummaries>();
        var withInterim = pastInterim.First();
        var changes = await summaries.ForEpisodeAsync(withInterim.Id, default);
        changes.Select(c => c.Domain).ShouldContain("Impairment");
        var meaningful = 0;
        foreach (var e in pastInterim)
        {
            meaningful += (await summaries.ForEpisodeAsync(e.Id, default)).Count(c => c.Meaningful && c.Change > 0);
        }

        meaningful.ShouldBeGreaterThan(0, "the demo shows some meaningful improvement");
        var chart = OutcomeCharts.Tom(tom.Where(t => t.EpisodeId == withInterim.Id).OrderBy(t => t.Cycle).ThenBy(t => t.Point).ToList())[0].Svg;
        chart.ShouldContain(TomWords.Score(tom.First(t => t.EpisodeId == withInterim.Id && t.Point == TomPoint.Baseline).Impairment).TrimEnd('0').TrimEnd('.'));

        var sdq = await db.SdqScores.AsNoTracking().ToListAsync();
        started.ShouldAllBe(e => sdq.Any(s => s.EpisodeId == e.Id && s.Informant == SdqInformant.Parent) && sdq.Any(s => s.EpisodeId == e.Id && s.Informant == SdqInformant.Teacher));
        sdq.ShouldAllBe(s => s.TotalDifficulties == s.Emotional + s.Conduct + s.Hyperactivity + s.PeerProblems);

        // The demo parent's child and the demo pupil have assessments profiles with items for each audience.
        var items = await db.AssessmentItems.AsNoTracking().ToListAsync();
        var child = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted && db.Carers.Any(c => c.Id == l.CarerId && c.UserId != null)).Select(l => l.PupilId).FirstAsync();
        foreach (var audience in ProfileWords.Audiences)
        {
            items.ShouldContain(i => i.PupilId == child && i.Audience.HasFlag(audience), $"the demo parent's child has items for {audience}");
        }

        items.ShouldContain(i => i.PupilId == child && !i.Audience.HasFlag(ProfileAudience.Parents), "and items the parent does not see");
        var self = await db.Pupils.AsNoTracking().Where(p => p.UserId != null).Select(p => p.Id).SingleAsync();
        items.ShouldContain(i => i.PupilId == self && i.Audience.HasFlag(ProfileAudience.Pupil), "the demo pupil sees their own strengths and targets");
    }
}
