using System.Net;
using System.Net.Http.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Deployment;

/// <summary>Many people doing the same one-winner thing at the same moment: exactly one succeeds, everyone else is told plainly.</summary>
public sealed class SingleWinnerTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AHundredSimultaneousDecisionsOnOneReferral_OneIsSaved_NinetyNineAre409_AndNothingIsOverwritten(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        // Two sessions of the head of therapy: a third and fourth sign-in within one authenticator step would make
        // TestSchool.NextCode move the shared application's clock a minute on, under other tests' sign-ins.
        List<TestClient> heads = [await school.SignInAsync(Role.HeadOfTherapy), await school.SignInAsync(Role.HeadOfTherapy)];

        var url = $"/api/v1/referrals/{school.ReferralId}/decisions";
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 100).Select(async i =>
        {
            await start.WaitAsync();
            var body = i % 2 == 0
                ? (object)new { decision = "Accept", version = 0, discipline = "SpeechAndLanguage", priority = 1 + (i % 4) }
                : new { decision = "Redirect", version = 0, redirectedTo = $"CAMHS team {i}" };
            return await heads[i % heads.Count].Http.PostAsJsonAsync(url, body);
        }).ToList();
        start.Release(100);
        var responses = await Task.WhenAll(attempts);

        var tally = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Key}×{g.Count()}"));
        var odd = responses.FirstOrDefault(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict));
        odd.ShouldBeNull($"{tally}: {(odd is null ? "" : await odd.Content.ReadAsStringAsync())}");
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(99);
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).Take(5))
        {
            // "…nothing was changed" (the version had moved on) or "Nothing you sent was saved…" (the winner's save came first).
            var said = await loser.Content.ReadAsStringAsync();
            said.ShouldContain("\"status\":409");
            said.ShouldMatch("(?i)nothing (was changed|you sent was saved)");
        }

        // What is saved is the winner's decision, whole: not a mixture, and not a later loser's.
        var winner = Array.IndexOf(responses, responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        var saved = await heads[0].GetJsonAsync<System.Text.Json.JsonElement>($"/api/v1/referrals/{school.ReferralId}");
        saved.GetProperty("version").GetInt32().ShouldBe(1);
        if (winner % 2 == 0)
        {
            saved.GetProperty("status").GetString().ShouldBe("Accepted");
            saved.GetProperty("priority").GetInt32().ShouldBe(1 + (winner % 4));
        }
        else
        {
            saved.GetProperty("status").GetString().ShouldBe("Redirected");
            saved.GetProperty("redirectedTo").GetString().ShouldBe($"CAMHS team {winner}");
        }
    }
}
