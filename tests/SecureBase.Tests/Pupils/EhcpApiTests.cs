using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>EHCPs through the API: the same scope, rules and messages as the pages, as problem details.</summary>
public sealed class EhcpApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ThePlan_ComesWithItsProvision_FlagsAndSpecifiedVsDelivered(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);

        var plan = (await sendco.GetJsonAsync<EhcpPlanDto>($"/api/v1/pupils/{school.PupilId}/ehcp"))!;

        plan.Id.ShouldBe(school.Ehcp.PlanId);
        plan.PupilName.ShouldBe($"Jamal {school.PupilLastName}");
        plan.LocalAuthority.ShouldBe("Riverside Borough Council");
        plan.OutOfDate.ShouldBeFalse();
        var line = plan.Provision.ShouldHaveSingleItem();
        (line.Discipline, line.Sessions, line.Frequency, line.MinutesPerSession, line.Delivery).ShouldBe((Discipline.Counselling, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual));
        line.Description.ShouldBe("1 × 45 minutes a week, individual");
        var counselling = plan.SpecifiedVsDelivered.Disciplines.ShouldHaveSingleItem();
        counselling.Totals.SpecifiedSessions.ShouldBe(plan.SpecifiedVsDelivered.Period.SchoolWeeks);
        counselling.Totals.DeliveredSessions.ShouldBe(0);
        plan.SpecifiedVsDelivered.Period.Estimated.ShouldBeFalse("the test school has entered its academic year, so school weeks are counted on its calendar");

        var list = (await sendco.GetJsonAsync<EhcpListDto>("/api/v1/ehcp"))!;
        list.Pupils.ShouldHaveSingleItem().PupilId.ShouldBe(school.PupilId);
        (await sendco.GetJsonAsync<EhcpListDto>("/api/v1/ehcp?discipline=MusicTherapy"))!.Pupils.ShouldBeEmpty();
        var bad = await sendco.GetAsync("/api/v1/ehcp?discipline=7");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Choose a discipline from the list");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PuttingThePlan_ChangesKeepsAndRemovesLines_AsSent(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var response = await sendco.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}/ehcp", new
        {
            planDate = today.AddMonths(-1),
            nextReviewDue = today.AddMonths(11),
            localAuthority = "Riverside Borough Council",
            notes = "Amended after the annual review",
            provision = new object[]
            {
                new { id = school.Ehcp.ProvisionItemId, discipline = "Counselling", sessions = 1, frequency = "PerWeek", minutesPerSession = 50, delivery = "Individual", deliveredBy = "Counsellor" },
                new { discipline = "Elsa", sessions = 6, frequency = "PerHalfTerm", minutesPerSession = 30, delivery = "Group", deliveredBy = "ELSA" },
            },
        }, Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = (await response.Content.ReadFromJsonAsync<EhcpPlanDto>(Json.Options))!;
        plan.Notes.ShouldBe("Amended after the annual review");
        plan.Provision.Select(p => p.Description).ShouldBe(["1 × 50 minutes a week, individual", "6 × 30 minutes each half term, group"]);
        plan.Provision[0].Id.ShouldBe(school.Ehcp.ProvisionItemId, "the line sent with its id is changed, not replaced");

        var removed = await sendco.Http.PutAsJsonAsync($"/api/v1/pupils/{school.PupilId}/ehcp", new
        {
            planDate = today.AddMonths(-1), nextReviewDue = today.AddMonths(11), localAuthority = "Riverside Borough Council",
            provision = new[] { new { id = plan.Provision[1].Id, discipline = "Elsa", sessions = 6, frequency = "PerHalfTerm", minutesPerSession = 30, delivery = "Group", deliveredBy = "ELSA" } },
        }, Json.Options);
        (await removed.Content.ReadFromJsonAsync<EhcpPlanDto>(Json.Options))!.Provision.ShouldHaveSingleItem().Discipline.ShouldBe(Discipline.Elsa);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadRequests_GetProblemDetailsNamingEachField_AndChangeNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var url = $"/api/v1/pupils/{school.PupilId}/ehcp";

        var invalid = await sendco.Http.PutAsJsonAsync(url, new
        {
            planDate = "2099-01-01",
            nextReviewDue = "2100-01-01",
            localAuthority = "Riverside\u202E",
            provision = new object[] { new { discipline = "Counselling", sessions = 0, frequency = "PerWeek", minutesPerSession = 45, delivery = "Individual", deliveredBy = "" } },
        }, Json.Options);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.GetProperty("provision[0].sessions")[0].GetString().ShouldBe("Sessions per week must be between 1 and 10");
        errors.GetProperty("provision[0].deliveredBy")[0].GetString().ShouldBe("Enter who delivers it");

        var invalidPlan = await sendco.Http.PutAsJsonAsync(url, new { planDate = "2099-01-01", nextReviewDue = "2100-01-01", localAuthority = "Riverside\u202E" }, Json.Options);
        var planErrors = JsonDocument.Parse(await invalidPlan.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        planErrors.GetProperty("planDate")[0].GetString().ShouldBe("The plan date cannot be in the future");
        planErrors.GetProperty("localAuthority")[0].GetString().ShouldBe("Local authority contains a hidden text-direction character; please retype it");

        var missing = await sendco.Http.PostAsJsonAsync(url + "/provision", new { discipline = "Counselling" }, Json.Options);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Enter the number of sessions");

        var notJson = await sendco.Http.PutAsync(url, new FormUrlEncodedContent([Form.Field("planDate", "2025-01-01")]));
        notJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        var garbled = await sendco.Http.PutAsync(url, new StringContent("{\"planDate\": \"last spring\", ", Encoding.UTF8, "application/json"));
        garbled.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await garbled.Content.ReadAsStringAsync()).ShouldContain("The JSON could not be read");

        var unknownLine = await sendco.Http.PutAsJsonAsync($"{url}/provision/{Guid.NewGuid()}",
            new { discipline = "Counselling", sessions = 1, frequency = "PerWeek", minutesPerSession = 45, delivery = "Individual", deliveredBy = "Counsellor" }, Json.Options);
        unknownLine.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite]
    public async Task RolesThatMayNotChangePlans_AreRefused_AndScopeLimitsWhatIsRead(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (other, _) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp, withPlan: true);
        var body = new { discipline = "MusicTherapy", sessions = 1, frequency = "PerWeek", minutesPerSession = 30, delivery = "Individual", deliveredBy = "Music therapist" };

        foreach (var role in new[] { Role.Headteacher, Role.Therapist, Role.ParentCarer, Role.EducationStaff })
        {
            var browser = await school.SignInAsync(role);
            (await browser.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/ehcp/provision", body, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role}");
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetAsync($"/api/v1/pupils/{school.PupilId}/ehcp")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.GetAsync($"/api/v1/pupils/{other}/ehcp")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not on the therapist's caseload");
        (await therapist.GetJsonAsync<EhcpListDto>("/api/v1/ehcp"))!.Pupils.Select(p => p.PupilId).ShouldBe([school.PupilId]);
        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync("/api/v1/ehcp")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var sendco = await school.SignInAsync(Role.Sendco);
        var added = await sendco.Http.PostAsJsonAsync($"/api/v1/pupils/{other}/ehcp/provision", body, Json.Options);
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await added.Content.ReadFromJsonAsync<ProvisionItemDto>(Json.Options))!.Description.ShouldBe("1 × 30 minutes a week, individual");
        var flagged = (await sendco.GetJsonAsync<EhcpPlanDto>($"/api/v1/pupils/{other}/ehcp"))!;
        flagged.Flags.ShouldContain(f => f.Kind == EhcpFlagKind.DisciplineNotOffered && f.Discipline == Discipline.MusicTherapy);
    }
}
