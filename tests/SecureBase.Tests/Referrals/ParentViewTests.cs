using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Caseload;
using SecureBase.Referrals;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>A parent's page about their own child: the referrals they may know of, where each stands, and the consent asked of them.</summary>
public sealed class ParentViewTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task MyChildren_ShowsTheSchoolsReferralOnceTheParentIsAskedForConsent_AndTheHeadOfTherapySeesTheAnswer(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);

        var home = await parent.GetPageAsync("/");
        home.Document.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ShouldContain("/my-children", "the page is reachable from the menu");
        var before = await parent.GetPageAsync("/my-children");
        before.Status.ShouldBe(HttpStatusCode.OK);
        before.Text.ShouldContain($"Jamal {school.PupilLastName}");
        before.Text.ShouldContain("There are no referrals about Jamal that you have been told of", customMessage: "the teacher's referral is the school's until the school tells the parent");

        // The Head of Therapy asks the parents for consent: the parent is told once, and now sees the referral.
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [], "#ask-consent")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hot.GetPageAsync($"/referrals/{school.ReferralId}")).Document.QuerySelector("#consent")!.TextContent.ShouldContain("Asked of the parents");
        var asked = (await Notes.ForAsync(app, school, school[Role.ParentCarer].Id)).ShouldHaveSingleItem();
        asked.Title.ShouldStartWith("Your consent is asked for");
        asked.Link.ShouldBe("/my-children");

        var page = await parent.GetPageAsync("/my-children");
        var card = page.Document.QuerySelector($"#referral-{school.ReferralId}")!;
        card.TextContent.ShouldContain("The school's referral");
        card.QuerySelector(".status")!.TextContent.ShouldBe("Received: the therapy team will look at it soon");
        card.TextContent.ShouldContain("You have not answered yet");
        page.Text.ShouldNotContain("Finds it hard to follow spoken instructions", customMessage: "the teacher's description stays with the team");

        // The parent refuses from their portal; the answer is audited and the Head of Therapy sees it.
        var answered = await parent.SubmitAsync("/my-children", [Form.Field("referralId", school.ReferralId.ToString()), Form.Field("answer", "Refused")], ".consent-form");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await parent.GetPageAsync("/my-children")).Document.QuerySelector($"#referral-{school.ReferralId}")!.TextContent.ShouldContain("You refused consent on");
        (await hot.GetPageAsync($"/referrals/{school.ReferralId}")).Document.QuerySelector("#consent")!.TextContent.ShouldStartWith($"Refused by Test {RoleInfo.Of(Role.ParentCarer).Name}");
        (await Notes.ForAsync(app, school, school[Role.HeadOfTherapy].Id)).ShouldContain(n => n.Title.StartsWith("Consent refused: Jamal", StringComparison.Ordinal));
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.AuditEntries.AnyAsync(a => a.Action == ReferralConsent.AnsweredAudit && a.RecordId == school.ReferralId.ToString() && a.Detail == "Refused")).ShouldBeTrue();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MyChildren_ShowsTheParentsOwnReferralWithItsStatus(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.SubmitAsync("/referrals/new", [Form.Field("Input.Reasons", "EmotionalWellbeing"), Form.Field("Input.Details", "Not sleeping since the move.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await parent.GetPageAsync("/my-children");
        var card = page.Document.QuerySelectorAll(".referral-card").ShouldHaveSingleItem("only the parent's own referral: the school has not told them of the teacher's");
        card.TextContent.ShouldContain("Your referral");
        card.QuerySelector(".status")!.TextContent.ShouldBe("Received: the therapy team will look at it soon");
        card.TextContent.ShouldContain("You made this referral, so you have given your consent");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ARestrictedLink_NeverShowsTheChild_NorLetsTheCarerAnswerForThem(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [], "#ask-consent")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var parent = await school.SignInAsync(Role.ParentCarer);
        var token = await parent.TokenFromAsync("/my-children");

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            (await db.CarerLinks.SingleAsync(l => l.Id == school.CarerLinkId)).Restrict("Court order");
            await db.SaveChangesAsync();
        }

        var page = await parent.GetPageAsync("/my-children");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldNotContain(school.PupilLastName);
        page.Document.QuerySelectorAll(".referral-card").ShouldBeEmpty();
        var answer = await parent.PostFormAsync("/my-children?handler=Consent",
            [Form.Field("__RequestVerificationToken", token), Form.Field("referralId", school.ReferralId.ToString()), Form.Field("answer", "Given")]);
        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Notes.ForAsync(app, school, school[Role.HeadOfTherapy].Id)).ShouldNotContain(n => n.Title.StartsWith("Consent", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AllocatingAParentsReferral_TellsTheParentOnce(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var counsellor = StaffMember.Create(school.Id, "CNS9", new StaffDetails("Ms", "Bronwen", "Hughes", null, "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-1", null, 10));
            counsellor.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(16, 0), school.SiteId)]);
            db.StaffMembers.Add(counsellor);
            db.Rooms.Add(SecureBase.Rooms.Room.Create(school.Id, school.SiteId, "Quiet room", SecureBase.Rooms.RoomKind.DedicatedTherapy, [], [], true));
            (await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId)).Close(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), DischargeReason.NaturalEndPoint);
            await db.SaveChangesAsync();
        }

        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.SubmitAsync("/referrals/new", [Form.Field("Input.Reasons", "EmotionalWellbeing"), Form.Field("Input.Details", "Not sleeping since the move.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ReferralId referral;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            referral = await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.Where(r => r.ReferrerUserId == school[Role.ParentCarer].Id).Select(r => r.Id).SingleAsync();
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{referral}", [Form.Field("Input.Discipline", "Counselling"), Form.Field("Input.Priority", "2")], "#accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var acceptedNotes = (await Notes.ForAsync(app, school, school[Role.ParentCarer].Id)).Count;
        var allocated = await hot.SubmitAsync($"/allocation/{referral}", [Form.Field("Input.Reason", "Shares Monday mornings."), Form.Field("Input.TellParents", "true")]);
        allocated.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join(" | ", (await TestClient.ReadAsync(allocated)).Errors));

        var allocation = (await Notes.ForAsync(app, school, school[Role.ParentCarer].Id)).Skip(acceptedNotes).ToList();
        allocation.ShouldHaveSingleItem("the parent who referred is told of the allocation once, not as parent and again as referrer").Body.ShouldContain("Ms Hughes");
    }
}
