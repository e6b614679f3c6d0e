using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Outcomes;
using SecureBase.Schools;
using SecureBase.Tests.Caseload;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Outcomes;

/// <summary>Every role of the policy table, on one database (PostgreSQL rows skip, with the reason, where it is not configured).</summary>
public sealed class EveryRoleOnAttribute : Xunit.Sdk.DataAttribute
{
    private readonly DatabaseProvider _provider;

    public EveryRoleOnAttribute(DatabaseProvider provider)
    {
        _provider = provider;
        Skip = provider == DatabaseProvider.Postgres ? TestDatabases.PostgresSkipReason! : null!;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Enum.GetValues<Role>().Select(r => new object[] { _provider, r });
}

/// <summary>
/// The assessments profile (issue 12, Westbourne: assessments are "shared with the individual pupil, parents,
/// members of staff and other professionals"): each strength or target is marked with whom it may be shared
/// with, and each reader sees exactly the items marked for them. Generated: one item for every combination of
/// the four audiences, read by every role through the page and the API.
/// </summary>
public sealed class AssessmentProfileTests
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<(TestApp App, TestSchool School)>>> Schools = new();

    /// <summary>Each non-empty combination of the four audiences, as its flags.</summary>
    private static readonly ProfileAudience[] Combinations = Enumerable.Range(1, 15).Select(m => (ProfileAudience)m).ToArray();

    private static string StatementOf(ProfileAudience a) => $"Marked {(int)a:D2} for {string.Join(" and ", ProfileWords.Audiences.Where(x => a.HasFlag(x)))}";

    private static string[] AudienceNames(ProfileAudience a) => ProfileWords.Audiences.Where(x => a.HasFlag(x)).Select(x => x.ToString()).ToArray();

    internal static async Task SetTutorGroupAsync(TestApp app, TestSchool school, string? group) =>
        await QueryAsync(app, school, async db =>
        {
            var user = school[Role.EducationStaff].Id;
            (await db.StaffMembers.SingleAsync(s => s.UserId == user)).SetTutorGroup(group);
            return await db.SaveChangesAsync();
        });

    private static object Item(string statement, ProfileAudience audience, string kind = "Strength", DateOnly? on = null) =>
        new { kind, assessment = "CELF-5 core language", assessedOn = on, assessedBy = "Test Therapist, counsellor", statement, audience = AudienceNames(audience) };

    /// <summary>One school per database, its pupil's profile holding an item for each combination of audiences (the teacher tutors the pupil's group).</summary>
    private static Task<(TestApp App, TestSchool School)> MarkedSchoolAsync(DatabaseProvider provider) =>
        Schools.GetOrAdd(provider, p => new Lazy<Task<(TestApp, TestSchool)>>(async () =>
        {
            var app = await TermTimeApps.GetAsync(p);
            var school = await TestSchool.CreateAsync(app);
            await SetTutorGroupAsync(app, school, "7A");
            var therapist = await school.SignInAsync(Role.Therapist);
            var today = SchoolTime.London.Today(app.Clock);
            foreach (var a in Combinations)
            {
                var made = await therapist.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/assessments", Item(StatementOf(a), a, a.HasFlag(ProfileAudience.Staff) ? "Target" : "Strength", today));
                made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
            }

            return (app, school);
        })).Value;

    /// <summary>Whom a role reads as: null for the therapy team (every item), None for a role that reads no profile.</summary>
    private static ProfileAudience? ReaderOf(Role role) => role switch
    {
        Role.HeadOfTherapy or Role.Therapist => null,
        Role.Sendco or Role.EducationStaff => ProfileAudience.Staff,
        Role.ParentCarer => ProfileAudience.Parents,
        Role.Pupil => ProfileAudience.Pupil,
        _ => ProfileAudience.None,
    };

    [Theory, EveryRoleOn(DatabaseProvider.Sqlite), EveryRoleOn(DatabaseProvider.Postgres)]
    public async Task EachReader_SeesExactlyTheItemsMarkedForThem_OnThePageAndInTheApi(DatabaseProvider provider, Role role)
    {
        var (_, school) = await MarkedSchoolAsync(provider);
        var client = await school.SignInAsync(role);
        var reader = ReaderOf(role);
        var expected = Combinations.Where(a => reader is not { } r || (a & r) != ProfileAudience.None).Select(StatementOf).ToList();
        var (pageUrl, apiUrl) = role switch
        {
            Role.ParentCarer => ("/my-children/assessments", "/api/v1/my-children/assessments"),
            Role.Pupil => ("/my-assessments", "/api/v1/my-assessments"),
            _ => ($"/pupils/{school.PupilId}/assessments", $"/api/v1/pupils/{school.PupilId}/assessments"),
        };

        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var api = await client.GetAsync(apiUrl);
        var json = await api.Content.ReadAsStringAsync();
        if (reader == ProfileAudience.None)
        {
            page.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], $"{role} reads no assessments profile");
            api.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], $"{role} reads no assessments profile");
            foreach (var other in new[] { "/my-children/assessments", "/my-assessments", $"/pupils/{school.PupilId}/assessments" })
            {
                var response = await client.GetAsync(other);
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], $"{role} reads no assessments profile: {other}");
            }

            return;
        }

        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} reads the profile at {pageUrl}");
        api.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} reads the profile at {apiUrl}");
        var shownOnPage = Combinations.Select(StatementOf).Where(s => html.Contains(s, StringComparison.Ordinal)).ToList();
        shownOnPage.ShouldBe(expected, ignoreOrder: true, $"{role} sees on the page exactly the items marked for {reader?.ToString() ?? "the therapy team (all)"}");
        var shownInApi = Combinations.Select(StatementOf).Where(s => json.Contains(s, StringComparison.Ordinal)).ToList();
        shownInApi.ShouldBe(expected, ignoreOrder: true, $"{role} gets from the API exactly the items marked for them");
        if (reader is not null)
        {
            json.ShouldNotContain("sharedWith\":[", Case.Sensitive, "whom an item is shared with is the therapy team's business");
            html.ShouldNotContain("Shared with", Case.Sensitive);
        }

        // Only the therapy team prints the profile for professionals, and it holds exactly the items marked for them.
        var print = await client.GetAsync($"/pupils/{school.PupilId}/assessments/for-professionals");
        if (reader is null)
        {
            print.StatusCode.ShouldBe(HttpStatusCode.OK);
            var printed = await print.Content.ReadAsStringAsync();
            Combinations.Select(StatementOf).Where(s => printed.Contains(s, StringComparison.Ordinal))
                .ShouldBe(Combinations.Where(a => a.HasFlag(ProfileAudience.OtherProfessionals)).Select(StatementOf), ignoreOrder: true);
        }
        else
        {
            print.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound]);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Reads_AreAudited_WithTheReadersRelationship(DatabaseProvider provider)
    {
        var (app, school) = await MarkedSchoolAsync(provider);
        foreach (var role in new[] { Role.EducationStaff, Role.ParentCarer, Role.Pupil })
        {
            var client = await school.SignInAsync(role);
            var url = role switch { Role.ParentCarer => "/my-children/assessments", Role.Pupil => "/my-assessments", _ => $"/pupils/{school.PupilId}/assessments" };
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var reads = await QueryAsync(app, school, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordId == school.PupilId.ToString() && a.Action == "confidential.read").Select(a => a.Reason ?? "").ToListAsync());
        reads.ShouldContain(r => r.Contains("teaches the pupil"));
        reads.ShouldContain(r => r.Contains("parent or carer"));
        reads.ShouldContain(r => r.Contains("the pupil themself"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BadInput_IsRefusedPlainly_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await TermTimeApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await SetTutorGroupAsync(app, school, "7A");
        var therapist = await school.SignInAsync(Role.Therapist);
        var today = SchoolTime.London.Today(app.Clock);
        var api = $"/api/v1/pupils/{school.PupilId}/assessments";

        var noStatement = await therapist.Http.PostAsJsonAsync(api, Item("  ", ProfileAudience.Parents, on: today));
        noStatement.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await noStatement.Content.ReadAsStringAsync()).Keys.ShouldContain("statement");
        var noAudience = await therapist.Http.PostAsJsonAsync(api, Item("Reads aloud with confidence", ProfileAudience.None, on: today));
        noAudience.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await noAudience.Content.ReadAsStringAsync())["audience"].ShouldHaveSingleItem().ShouldContain("Choose who it may be shared with");
        (await therapist.Http.PostAsJsonAsync(api, Item("Reads aloud with confidence", ProfileAudience.Parents, on: today.AddDays(3)))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "an assessment still to come");
        (await therapist.Http.PostAsJsonAsync(api, new { kind = "Sometimes", assessment = "X", assessedOn = today, assessedBy = "Me", statement = "S", audience = new[] { "Parents" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // On the page: the same in the school's words, linked from the error summary.
        var page = await therapist.SubmitAndReadAsync($"/pupils/{school.PupilId}/assessments",
            [Form.Field("Input.Kind", "Strength"), Form.Field("Input.Statement", "Reads aloud with confidence"), Form.Field("Input.Assessment", "Reading inventory"), Form.Field("Input.AssessedBy", "Test Therapist")], "#add-item");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Errors.ShouldContain(e => e.Contains("Choose who it may be shared with"));
        page.Document.QuerySelector(".error-summary a[href='#Input_Audience']").ShouldNotBeNull();
        (await QueryAsync(app, school, db => db.AssessmentItems.CountAsync())).ShouldBe(0, "refused items save nothing");

        // Written on the page, marked for parents only.
        var written = await therapist.SubmitAsync($"/pupils/{school.PupilId}/assessments",
            [Form.Field("Input.Kind", "Target"), Form.Field("Input.Statement", "To ask for a break using the card"), Form.Field("Input.Assessment", "Sensory profile"),
             Form.Field("Input.AssessedBy", "Test Therapist"), Form.Field("Input.Audience", "Parents")], "#add-item");
        written.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var item = await QueryAsync(app, school, db => db.AssessmentItems.AsNoTracking().SingleAsync());
        item.Audience.ShouldBe(ProfileAudience.Parents);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.GetPageAsync($"/pupils/{school.PupilId}/assessments")).Text.ShouldNotContain("To ask for a break");
        (await teacher.Http.PostAsJsonAsync(api, Item("Teacher's own", ProfileAudience.Staff, on: today))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "teachers read; they do not write");

        // Marked for staff too (on the page), the teacher now sees it; the change is audited.
        var changed = await therapist.SubmitAsync($"/pupils/{school.PupilId}/assessments", [Form.Field("Input.Audience", "Parents"), Form.Field("Input.Audience", "Staff")], $"#change-{item.Id}");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, school, db => db.AssessmentItems.AsNoTracking().SingleAsync())).Audience.ShouldBe(ProfileAudience.Parents | ProfileAudience.Staff);
        (await teacher.GetPageAsync($"/pupils/{school.PupilId}/assessments")).Text.ShouldContain("To ask for a break using the card");
        var clearMarks = await therapist.SubmitAndReadAsync($"/pupils/{school.PupilId}/assessments", [Form.Clear("Input.Audience")], $"#change-{item.Id}");
        clearMarks.Errors.ShouldContain(e => e.Contains("Choose who it may be shared with"));
        (await QueryAsync(app, school, db => db.AssessmentItems.AsNoTracking().SingleAsync())).Audience.ShouldBe(ProfileAudience.Parents | ProfileAudience.Staff, "a refused change changes nothing");
        var audits = await QueryAsync(app, school, db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == school.PupilId.ToString()).Select(a => a.Action).ToListAsync());
        audits.ShouldContain(AssessmentAuditActions.Written);
        audits.ShouldContain(AssessmentAuditActions.Changed);

        // Another school's pupil: not found, nothing written or changed.
        var elsewhere = await TestSchool.CreateAsync(app);
        var otherHot = await elsewhere.SignInAsync(Role.HeadOfTherapy);
        (await otherHot.Http.PostAsJsonAsync(api, Item("Across schools", ProfileAudience.Parents, on: today))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.Http.PutAsJsonAsync($"{api}/{item.Id}", Item("Across schools", ProfileAudience.Pupil, on: today))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.GetAsync(api)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherHot.GetAsync($"/pupils/{school.PupilId}/assessments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Once the episode has ended: nothing more is written, and its items stay as they are (still shown as marked).
        await QueryAsync(app, school, async db =>
        {
            var e = await db.Episodes.SingleAsync(x => x.Id == school.EpisodeId);
            e.Close(today, DischargeReason.NaturalEndPoint).IsSuccess.ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var closedWrite = await hot.Http.PostAsJsonAsync(api, Item("After the end", ProfileAudience.Parents, on: today));
        closedWrite.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await closedWrite.Content.ReadAsStringAsync()).ShouldContain("not in therapy");
        var closedChange = await hot.Http.PutAsJsonAsync($"{api}/{item.Id}", Item("To ask for a break using the card", ProfileAudience.Pupil, "Target", today));
        closedChange.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await closedChange.Content.ReadAsStringAsync()).ShouldContain("has ended");
        (await hot.Http.DeleteAsync(new Uri($"{api}/{item.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await QueryAsync(app, school, db => db.AssessmentItems.AsNoTracking().SingleAsync())).Audience.ShouldBe(ProfileAudience.Parents | ProfileAudience.Staff);
        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.GetPageAsync("/my-children/assessments")).Text.ShouldContain("To ask for a break using the card");
    }
}
