using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Identity;

/// <summary>
/// A local authority's case system sends referrals through the API with a client secret (issue 15): by UPN, told only
/// "received" like the authority's officer, the referral naming the person, their organisation and the client.
/// </summary>
public sealed class ApiClientReferralTests
{
    private const string CaseSystem = "Kent case system";
    private const string SentBy = "Jo Bloggs, Kent County Council (sent by the API client Kent case system)";

    [Theory, OnSqlite, OnPostgres]
    public async Task ALocalAuthoritySystem_WithTheGrant_RefersByUpn_IsToldOnlyReceived_AndTheReferralNamesTheClient(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), CaseSystem, [SchoolAction.MakeReferral]);
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        var before = await QueryAsync(app, school, db => db.Referrals.CountAsync());
        var key = Guid.NewGuid().ToString();
        var worry = "Mum said the new partner shouts at night " + Guid.NewGuid().ToString("N")[..6];
        Task<HttpResponseMessage> SendAsync() => PostAsync(system, Referral(worry: worry), key);

        var first = await SendAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        var answer = await first.Content.ReadAsStringAsync();
        JsonDocument.Parse(answer).RootElement.GetProperty("status").GetString().ShouldBe("Received");
        answer.ShouldNotContain(worry[^6..], customMessage: "a safeguarding detail is never sent back");
        answer.ShouldNotContain(school.PupilId.ToString(), customMessage: "the system is not told which pupil it matched");
        answer.ShouldNotContain(school.PupilLastName);
        var again = await SendAsync();
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.Content.ReadAsStringAsync()).ShouldBe(answer, "a retry with the same Idempotency-Key makes no second referral");

        var made = await QueryAsync(app, school, db => db.Referrals.AsNoTracking().OrderByDescending(r => r.ReceivedAt).ToListAsync());
        made.Count.ShouldBe(before + 1);
        var referral = made.Single(r => r.ReferrerName == SentBy);
        referral.PupilId.ShouldBe(school.PupilId);
        referral.Source.ShouldBe(ReferralSource.LocalAuthority);
        referral.ReferrerUserId.ShouldBeNull("a system is nobody's account: nobody is told of decisions through it");
        referral.SafeguardingWorry.ShouldBeTrue();

        // The school reads who sent it; the audit log names the client; the worry reached the DSL.
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetPageAsync($"/referrals/{referral.Id}")).Text.ShouldContain("Local authority: " + SentBy);
        (await AuditAsync(app, school, ReferralAuditActions.Received)).ShouldContain(e => e.RecordId == referral.Id.ToString() && e.UserName == "api-client:" + CaseSystem);
        (await QueryAsync(app, school, db => db.Concerns.AsNoTracking().Where(c => c.SubmissionKey == referral.SubmissionKey).CountAsync())).ShouldBe(1);

        // Nothing can be read back, and deciding it later tells no account.
        (await system.GetAsync($"/api/v1/referrals/{referral.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.GetAsync("/api/v1/referrals/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.GetAsync("/api/v1/referrals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var declined = await hot.Http.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/decisions",
            new { decision = "Decline", version = referral.Version, messageToReferrer = "The school nurse is already seeing her." });
        declined.StatusCode.ShouldBe(HttpStatusCode.OK, await declined.Content.ReadAsStringAsync());
    }

    [Theory, OnSqlite]
    public async Task AUpnOfNoPupilHere_IsToldReceivedAsWell_AndKeptForTheOfficeToMatch(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var client = await ApiClients.RegisterAsync(admin, CaseSystem, [SchoolAction.MakeReferral]);
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, client));
        var before = await QueryAsync(app, school, db => db.Referrals.CountAsync());
        var stranger = Upn(9431);

        var sent = await PostAsync(system, Referral(upn: stranger), Guid.NewGuid().ToString());

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("Received");
        (await QueryAsync(app, school, db => db.Referrals.CountAsync())).ShouldBe(before);
        var unmatched = (await QueryAsync(app, school, db => db.UnmatchedReferrals.AsNoTracking().Where(u => u.Upn == stranger).ToListAsync())).ShouldHaveSingleItem();
        unmatched.ReferrerName.ShouldBe(SentBy);
        unmatched.ReferrerUserId.ShouldBeNull();
        (await admin.GetPageAsync("/referrals/unmatched")).Text.ShouldContain(stranger);
    }

    [Theory, OnSqlite]
    public async Task WithoutTheGrant_OrWithBadInput_NothingIsCreated(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var reader = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, await ApiClients.RegisterAsync(admin, "Reader", [SchoolAction.ViewWaitingList])));
        var system = ApiClients.WithToken(app, await ApiClients.TokenAsync(app, await ApiClients.RegisterAsync(admin, CaseSystem, [SchoolAction.MakeReferral])));
        var before = await SchoolSnapshot.TakeAsync(app, school);

        var refused = await PostAsync(reader, Referral(), Guid.NewGuid().ToString());
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var (wrong, _) = WrongUpn(4);
        var bad = new Dictionary<string, (object Body, string Names)>
        {
            ["a UPN with a wrong check letter"] = (Referral(upn: wrong), "should be"),
            ["no UPN"] = (Referral(upn: null), "Enter the pupil's UPN"),
            ["a pupil id instead of a UPN"] = (new { pupilId = school.PupilId.Value, reasons = new[] { "Communication" }, details = "x", localAuthorityReferrer = "Jo Bloggs", referrerOrganisation = "Kent County Council" }, "Enter the pupil's UPN"),
            ["no referrer"] = (Referral(referrer: null), "Enter the name of the person at the local authority"),
            ["no organisation"] = (Referral(organisation: null), "Enter the organisation the referrer works for"),
            ["no reasons"] = (new { upn = "R201100018042", details = "x", localAuthorityReferrer = "Jo Bloggs", referrerOrganisation = "Kent County Council" }, "Choose at least one reason"),
            ["no details"] = (new { upn = "R201100018042", reasons = new[] { "Communication" }, localAuthorityReferrer = "Jo Bloggs", referrerOrganisation = "Kent County Council" }, "Describe what you have noticed"),
            ["a name and organisation too long together"] = (Referral(organisation: new string('K', 150)), "characters together"),
        };
        foreach (var (name, (body, words)) in bad)
        {
            var answer = await PostAsync(system, body, Guid.NewGuid().ToString());
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", name);
            (await answer.Content.ReadAsStringAsync()).ShouldContain(words, Case.Sensitive, name);
        }

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    private static object Referral(string? upn = "R201100018042", string? referrer = "Jo Bloggs", string? organisation = "Kent County Council", string? worry = null) => new
    {
        upn,
        reasons = new[] { "EhcpRequirement", "Communication" },
        details = "The annual review asks for speech and language therapy input.",
        urgency = "Soon",
        consentGiven = true,
        safeguardingWorry = worry is not null,
        safeguardingDetails = worry,
        localAuthorityReferrer = referrer,
        referrerOrganisation = organisation,
    };

    private static Task<HttpResponseMessage> PostAsync(TestClient system, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return system.Http.SendAsync(request);
    }

    private static Task<List<AuditEntry>> AuditAsync(TestApp app, TestSchool school, string action) =>
        QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(e => e.SchoolId == school.Id && e.Action == action).OrderBy(e => e.Sequence).ToListAsync());
}
