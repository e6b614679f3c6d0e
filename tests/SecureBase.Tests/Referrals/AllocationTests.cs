using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

public sealed class AllocationTests
{
    /// <summary>Accepts the test school's referral for counselling at priority 1 and adds a second counsellor.</summary>
    private static async Task<(TestClient Hot, StaffId Second)> WaitingForCounsellingAsync(TestApp app, TestSchool school)
    {
        StaffId second;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var counsellor = StaffMember.Create(school.Id, "CNS9", new StaffDetails("Ms", "Bronwen", "Hughes", null, "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-1", null, 10));
            counsellor.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(16, 0), school.SiteId), new WorkingBlock(DayOfWeek.Tuesday, new TimeOnly(8, 30), new TimeOnly(16, 0), school.SiteId)]);
            db.StaffMembers.Add(counsellor);
            db.Rooms.Add(SecureBase.Rooms.Room.Create(school.Id, school.SiteId, "Quiet room", SecureBase.Rooms.RoomKind.DedicatedTherapy, [], [], true));
            var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
            episode.Close(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), DischargeReason.NaturalEndPoint);
            await db.SaveChangesAsync();
            second = counsellor.Id;
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [Form.Field("Input.Discipline", "Counselling"), Form.Field("Input.Priority", "1")], "#accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (hot, second);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheProposal_RanksTherapistsWithReasons_AndRecommendsOneWithSharedTime(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (hot, second) = await WaitingForCounsellingAsync(app, school);
        var page = await hot.GetPageAsync($"/allocation/{school.ReferralId}");
        var rows = page.Document.QuerySelectorAll("#proposals tbody tr");
        rows.Length.ShouldBe(2, "both counsellors are proposed");
        var recommended = rows.Single(r => r.ClassList.Contains("recommended"));
        recommended.TextContent.ShouldContain("Ms Hughes", customMessage: "the test therapist has no working pattern, so no shared free time");
        recommended.TextContent.ShouldContain("shared free slots");
        recommended.TextContent.ShouldContain("caseload 0/10");
        rows.Single(r => !r.ClassList.Contains("recommended")).TextContent.ShouldContain("no shared free time");
        page.Document.QuerySelector($"#staff-{second} ").ShouldNotBeNull();
        (page.Document.QuerySelector($"#staff-{second}")!.GetAttribute("checked") is not null).ShouldBeTrue("the recommendation is chosen to start with");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Allocating_OpensTheEpisode_AndTellsTheTherapistTheReferrerAndTheParents(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (hot, second) = await WaitingForCounsellingAsync(app, school);
        var url = $"/allocation/{school.ReferralId}";
        (await hot.SubmitAndReadAsync(url, [Form.Field("Input.Reason", "")])).Errors.ShouldContain("Error: Enter why this therapist");
        var done = await hot.SubmitAsync(url, [Form.Field("Input.Reason", "Shares Monday mornings; experienced with this need.")]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hot.GetPageAsync($"/referrals/{school.ReferralId}")).Document.QuerySelector("#status")!.TextContent.ShouldStartWith("allocated to a therapist");

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var episode = await db.Episodes.SingleAsync(e => e.StaffId == second);
            episode.Status.ShouldBe(EpisodeStatus.Open);
            episode.Discipline.ShouldBe(Discipline.Counselling);
            episode.ReferralId.ShouldBe(school.ReferralId);
            (await db.AuditEntries.AnyAsync(a => a.Action == ReferralAuditActions.Allocated && a.Reason!.Contains("Monday mornings"))).ShouldBeTrue("who, when and why are recorded");
        }

        (await Notes.ForAsync(app, school, school[Role.EducationStaff].Id)).ShouldContain(n => n.Title.StartsWith("Therapist allocated", StringComparison.Ordinal));
        var parent = (await Notes.ForAsync(app, school, school[Role.ParentCarer].Id)).ShouldHaveSingleItem();
        parent.Body.ShouldContain("Ms Hughes");
        parent.Body.ShouldNotContain("instructions", customMessage: "the teacher's description of the need is not the parent's to read");

        var again = await hot.GetPageAsync(url);
        again.Text.ShouldContain("not on the waiting list");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ATherapist_JudgingAPupilNotReady_SendsThemBackToTheWaitingList(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (hot, second) = await WaitingForCounsellingAsync(app, school);
        await hot.SubmitAsync($"/allocation/{school.ReferralId}", [Form.Field("Input.Reason", "Shares Monday mornings.")]);
        EpisodeId episodeId;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            episodeId = (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Episodes.SingleAsync(e => e.StaffId == second)).Id;
        }

        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetAsync($"/caseload/{episodeId}/not-ready")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not the test therapist's pupil any more");
        var noNote = await hot.SubmitAndReadAsync($"/caseload/{episodeId}/not-ready", [Form.Field("Note", "")]);
        noNote.Errors.ShouldContain(e => e.Contains("Enter why the pupil is not ready", StringComparison.Ordinal));
        (await hot.SubmitAsync($"/caseload/{episodeId}/not-ready", [Form.Field("Note", "Too anxious to leave class yet; strategies first.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var waiting = await hot.GetPageAsync("/waiting-list");
        waiting.Document.QuerySelectorAll("#waiting tbody tr").ShouldHaveSingleItem().TextContent.ShouldContain("Counselling");
        (await hot.GetPageAsync($"/referrals/{school.ReferralId}")).Text.ShouldContain("Not ready for therapy: Too anxious");
    }
}
