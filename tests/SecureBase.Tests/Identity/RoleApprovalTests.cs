using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Identity;

/// <summary>
/// The administrator runs accounts but may not read therapy or safeguarding content, so a role that
/// reads it is only asked for: it gives nothing until someone else who holds the approving role in
/// the school approves it, and both steps are in the audit log.
/// </summary>
public sealed class RoleApprovalTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AnAdministratorGivingThemselvesHeadOfTherapy_ReadsNoReferrals_UntilTheHeadOfTherapyApproves(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var adminUser = school[Role.Administrator];
        var admin = await school.SignInAsync(Role.Administrator);

        var saved = await admin.SubmitAsync($"/admin/users/{adminUser.Id}",
            [Form.Field("Input.Roles", nameof(Role.Administrator)), Form.Field("Input.Roles", nameof(Role.HeadOfTherapy))], "form[action*='handler=Roles']");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/referrals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a role waiting for approval gives no access");
        (await admin.GetAsync($"/referrals/{school.ReferralId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Me(admin)).Roles.Select(r => r.Role).ShouldBe([Role.Administrator]);
        var account = await admin.GetPageAsync($"/admin/users/{adminUser.Id}");
        account.Document.QuerySelector("#awaiting-approval")!.TextContent.ShouldContain("Head of Therapy");
        (await admin.GetAsync("/admin/role-requests")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the administrator cannot approve anything");

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.GetPageAsync("/notifications")).Text.ShouldContain("A role is waiting for your approval");
        var requests = await hot.GetPageAsync("/admin/role-requests");
        requests.Text.ShouldContain("Test Administrator");
        var approved = await hot.SubmitAsync("/admin/role-requests", [], "form[action*='handler=Approve']");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await admin.GetAsync("/referrals")).StatusCode.ShouldBe(HttpStatusCode.OK, "approved, the role works on the next click");
        var actions = await AccountSecurityTests.AuditActionsAsync(app, adminUser.Id);
        actions.ShouldContain(AuditActions.RoleRequested);
        actions.ShouldContain(AuditActions.RoleApproved);
        actions.ShouldNotContain(AuditActions.RoleGranted, "nothing was granted directly");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheDslRole_IsApprovedByTheDsl_NotByTheHeadOfTherapy(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacherUser = school[Role.EducationStaff];
        var admin = await school.SignInAsync(Role.Administrator);
        await admin.SubmitAsync($"/admin/users/{teacherUser.Id}",
            [Form.Field("Input.Roles", nameof(Role.EducationStaff)), Form.Field("Input.Roles", nameof(Role.Dsl))], "form[action*='handler=Roles']");
        var requestId = await PendingRequestAsync(app, teacherUser.Id, Role.Dsl);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var seen = await hot.GetPageAsync("/admin/role-requests");
        seen.Text.ShouldContain("Only the school's Designated Safeguarding Lead can approve this role");
        seen.Document.QuerySelector("form[action*='handler=Approve']").ShouldBeNull();
        var forced = await TestClient.ReadAsync(await hot.PostFormAsync("/admin/role-requests?handler=Approve",
            [Form.Field("__RequestVerificationToken", await hot.TokenFromAsync("/account")), Form.Field("requestId", requestId.ToString())]));
        forced.Errors.ShouldContain(e => e.Contains("Designated Safeguarding Lead", StringComparison.Ordinal));

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await Me(teacher)).Roles.Select(r => r.Role).ShouldBe([Role.EducationStaff]);

        var dsl = await school.SignInAsync(Role.Dsl);
        (await dsl.SubmitAsync("/admin/role-requests", [], "form[action*='handler=Approve']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Me(teacher)).Roles.Select(r => r.Role).ShouldBe([Role.EducationStaff, Role.Dsl], ignoreOrder: true);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task NobodyApprovesARoleForThemselves_OrOneTheyAskedFor_AndTheHeadteacherStepsIn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hotUser = school[Role.HeadOfTherapy];
        var adminUser = school[Role.Administrator];
        // The administrator is also the school's second Head of Therapy (given by the installer, not the admin pages).
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            db.Memberships.Add(Membership.Grant(adminUser.Id, school.Id, Role.HeadOfTherapy, app.Clock.GetUtcNow().UtcDateTime, null));
            await db.SaveChangesAsync();
        }

        var admin = await school.SignInAsync(Role.Administrator);
        // The Head of Therapy is to become a therapist too, and the teacher a therapy assistant.
        await admin.SubmitAsync($"/admin/users/{hotUser.Id}",
            [Form.Field("Input.Roles", nameof(Role.HeadOfTherapy)), Form.Field("Input.Roles", nameof(Role.Therapist))], "form[action*='handler=Roles']");
        await admin.SubmitAsync($"/admin/users/{school[Role.EducationStaff].Id}",
            [Form.Field("Input.Roles", nameof(Role.EducationStaff)), Form.Field("Input.Roles", nameof(Role.TherapyAssistant))], "form[action*='handler=Roles']");
        var forSelf = await PendingRequestAsync(app, hotUser.Id, Role.Therapist);
        var askedByAdmin = await PendingRequestAsync(app, school[Role.EducationStaff].Id, Role.TherapyAssistant);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var own = await TestClient.ReadAsync(await hot.PostFormAsync("/admin/role-requests?handler=Approve",
            [Form.Field("__RequestVerificationToken", await hot.TokenFromAsync("/account")), Form.Field("requestId", forSelf.ToString())]));
        own.Errors.ShouldContain("Nobody can approve a role for themselves.");
        var asked = await TestClient.ReadAsync(await admin.PostFormAsync("/admin/role-requests?handler=Approve",
            [Form.Field("__RequestVerificationToken", await admin.TokenFromAsync("/account")), Form.Field("requestId", askedByAdmin.ToString())]));
        asked.Errors.ShouldContain("You asked for this role, so someone else must approve it.");
        (await Me(hot)).Roles.Select(r => r.Role).ShouldNotContain(Role.Therapist);

        // The other Head of Therapy asked for the Head of Therapy's own role, so the headteacher decides it.
        var head = await school.SignInAsync(Role.Headteacher);
        var headPage = await head.GetPageAsync("/admin/role-requests");
        headPage.Document.QuerySelectorAll("form[action*='handler=Approve']").Length.ShouldBe(1, "the headteacher decides only the request nobody else can");
        (await head.SubmitAsync("/admin/role-requests", [], "form[action*='handler=Approve']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Me(hot)).Roles.Select(r => r.Role).ShouldContain(Role.Therapist);

        // The teacher's request is the (other) Head of Therapy's to decide: they refuse it.
        (await hot.SubmitAsync("/admin/role-requests", [], "form[action*='handler=Refuse']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await Me(teacher)).Roles.Select(r => r.Role).ShouldBe([Role.EducationStaff]);
        (await AccountSecurityTests.AuditActionsAsync(app, school[Role.EducationStaff].Id)).ShouldContain(AuditActions.RoleRefused);
        (await hot.GetPageAsync("/admin/role-requests")).Text.ShouldContain("No roles are waiting for approval");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ANewUser_GetsAnEverydayRoleAtOnce_AndAClinicalRoleOnlyWhenApproved(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var userName = "new.therapist." + TestSchool.Letters(6);
        var created = await admin.SubmitAndReadAsync("/admin/users/new",
        [
            Form.Field("Input.DisplayName", "Nia Evans"), Form.Field("Input.UserName", userName),
            Form.Field("Input.Roles", nameof(Role.EducationStaff)), Form.Field("Input.Roles", nameof(Role.Therapist)),
        ]);
        created.Document.QuerySelector("#awaiting-approval")!.TextContent.ShouldContain("Therapist");
        var users = await admin.GetPageAsync("/admin/users");
        users.Text.ShouldContain("Education staff, Therapist (waiting for approval)");

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        (await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == id).Select(m => m.Role).ToListAsync()).ShouldBe([Role.EducationStaff]);
    }

    [Fact]
    public void TheRolesThatNeedApproval_AreThoseThePolicyTableLetsReadConfidentialData()
    {
        Enum.GetValues<Role>().Where(RoleApproval.NeedsApproval).ShouldBe(
            [Role.HeadOfTherapy, Role.Therapist, Role.TherapyAssistant, Role.Sendco, Role.Headteacher, Role.Dsl], ignoreOrder: true);
        RoleApproval.ApprovedBy(Role.Therapist).ShouldBe(Role.HeadOfTherapy);
        RoleApproval.ApprovedBy(Role.TherapyAssistant).ShouldBe(Role.HeadOfTherapy);
        RoleApproval.ApprovedBy(Role.Dsl).ShouldBe(Role.Dsl);
        RoleApproval.ApprovedBy(Role.Sendco).ShouldBe(Role.Headteacher);
    }

    private static async Task<MeDto> Me(TestClient browser) =>
        (await browser.Http.GetFromJsonAsync<MeDto>("/api/v1/me", Json.Options))!;

    private static async Task<RoleRequestId> PendingRequestAsync(TestApp app, Guid userId, Role role)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().RoleRequests.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.UserId == userId && r.Role == role && r.Status == RoleRequestStatus.Pending).Select(r => r.Id).SingleAsync();
    }
}
