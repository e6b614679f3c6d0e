using System.Net;
using System.Net.Http.Json;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Caseload;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Outcomes;

/// <summary>The ROOT export (issue 12): the Head of Therapy's CSV of TOM ratings by date range and discipline, one row per rating, pupils by pseudonym.</summary>
public sealed class RootExportTests
{
    private static List<string[]> Rows(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();

    [Theory, OnSqlite, OnPostgres]
    public async Task HeadOfTherapy_DownloadsRatingsInTheRangeAndDiscipline_PupilsByAStablePseudonym_NeverTheirName(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = SchoolTime.London.Today(app.Clock);
        var salt = await TomRatingTests.OpenEpisodeAsync(app, school, today.AddDays(-60), Discipline.SpeechAndLanguage, first: "Saoirse");
        var therapist = await school.SignInAsync(Role.Therapist);
        async Task RateAsync(EpisodeId e, string point, DateOnly on, decimal score) =>
            (await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{e}/tom-ratings", new { point, cycle = 1, ratedOn = on, impairment = score, activity = 2, participation = 3, wellBeing = 4, carerWellBeing = point == "Baseline" ? 1.5m : (decimal?)null }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        await RateAsync(school.EpisodeId, "Baseline", today.AddDays(-25), 2.5m);
        await RateAsync(school.EpisodeId, "Interim", today.AddDays(-5), 3m);
        await RateAsync(salt, "Baseline", today.AddDays(-50), 1m);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var from = today.AddDays(-30).ToString("yyyy-MM-dd");
        var to = today.ToString("yyyy-MM-dd");
        var response = await hot.GetAsync($"/api/v1/outcomes/root-export.csv?from={from}&to={to}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        var rows = Rows(csv);
        rows[0].ShouldBe(["pupil_pseudonym", "episode_pseudonym", "discipline", "cycle", "point", "rated_on", "scale", "impairment", "activity", "participation", "wellbeing", "carer_wellbeing"]);
        rows.Skip(1).Select(r => (r[2], r[3], r[4], r[5], r[7], r[8], r[9], r[10], r[11])).ShouldBe([
            ("Counselling", "1", "baseline", today.AddDays(-25).ToString("yyyy-MM-dd"), "2.5", "2.0", "3.0", "4.0", "1.5"),
            ("Counselling", "1", "interim", today.AddDays(-5).ToString("yyyy-MM-dd"), "3.0", "2.0", "3.0", "4.0", ""),
        ], "one row per rating in the range; the speech and language baseline 50 days ago is outside it");
        rows[1][0].ShouldMatch("^P-[0-9A-F]{12}$");
        rows[1][0].ShouldBe(rows[2][0], "the same pupil has the same pseudonym on every row");
        foreach (var identifying in new[] { "Jamal", school.PupilLastName, "R201100018042", school.PupilId.ToString(), "Saoirse" })
        {
            csv.ShouldNotContain(identifying, Case.Insensitive);
        }

        var again = Rows(await hot.Http.GetStringAsync($"/api/v1/outcomes/root-export.csv?from={today.AddDays(-90):yyyy-MM-dd}&to={to}&discipline=SpeechAndLanguage"));
        again.Count.ShouldBe(2, "only the speech and language rating");
        again[1][2].ShouldBe("Speech and language therapy");
        again[1][0].ShouldNotBe(rows[1][0]);
        var all = Rows(await hot.Http.GetStringAsync($"/api/v1/outcomes/root-export.csv?from={today.AddDays(-90):yyyy-MM-dd}&to={to}"));
        all.Count.ShouldBe(4);
        all.Where(r => r[2] == "Counselling").Select(r => r[0]).Distinct().ShouldBe([rows[1][0]], "the pseudonym is stable from one export to the next");

        // Bad ranges are refused with a message, on the API and the page.
        var backwards = await hot.GetAsync($"/api/v1/outcomes/root-export.csv?from={to}&to={from}");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await backwards.Content.ReadAsStringAsync())["to"].ShouldHaveSingleItem().ShouldContain("choose a range that ends on or after it starts");
        var unreadable = await hot.GetAsync("/api/v1/outcomes/root-export.csv?from=31/12/2026");
        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unreadable.Content.ReadAsStringAsync()).ShouldContain("Enter the first day as a date");
        (await hot.GetAsync("/api/v1/outcomes/root-export.csv?discipline=Astrology")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await hot.GetPageAsync($"/outcomes/root-export?handler=Download&From={to}&To={from}");
        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Errors.ShouldContain(e => e.Contains("choose a range that ends on or after it starts"));
        var download = await hot.GetAsync($"/outcomes/root-export?handler=Download&From={from}&To={to}&Discipline=");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        Rows(await download.Content.ReadAsStringAsync()).Count.ShouldBe(3);

        (await therapist.GetAsync($"/api/v1/outcomes/root-export.csv?from={from}&to={to}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the export is the Head of Therapy's");

        // Another school's export holds none of these ratings.
        var elsewhere = await TestSchool.CreateAsync(app);
        var otherHot = await elsewhere.SignInAsync(Role.HeadOfTherapy);
        Rows(await otherHot.Http.GetStringAsync($"/api/v1/outcomes/root-export.csv?from={today.AddDays(-90):yyyy-MM-dd}&to={to}")).Count.ShouldBe(1, "the header only");
    }
}
