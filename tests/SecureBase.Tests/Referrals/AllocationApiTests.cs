using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>The route from a referral to an allocated therapist by the API alone, with the same refusals as the pages.</summary>
public sealed class AllocationApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AReferral_IsAcceptedProposedAndAllocated_ThenTheTherapistSendsThePupilBack_AllByApi(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EndTheCounsellingEpisodeAsync(app, school);
        var hot = (await school.SignInAsync(Role.HeadOfTherapy)).Http;

        var reviewing = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/decisions", new { decision = "StartReview", version = 0 });
        reviewing.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accepted = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/decisions",
            new { decision = "Accept", version = (await reviewing.Content.ReadFromJsonAsync<ReferralDto>(Json.Options))!.Version, discipline = "Counselling", priority = 1 });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);

        var proposal = (await hot.GetFromJsonAsync<AllocationProposalDto>($"/api/v1/referrals/{school.ReferralId}/allocation", Json.Options))!;
        proposal.Discipline.ShouldBe(Discipline.Counselling);
        proposal.Priority.ShouldBe(1);
        var counsellor = proposal.Therapists.ShouldHaveSingleItem("the test school has one counsellor");
        (counsellor.StaffId, counsellor.Caseload, counsellor.Capacity, counsellor.CaseloadFull).ShouldBe((school.TherapistStaffId, 0, 20, false));
        counsellor.Reason.ShouldContain("caseload 0/20");

        var incomplete = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/allocation", new { version = proposal.Version, staffId = school.TherapistStaffId.Value });
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await incomplete.Content.ReadAsStringAsync()).Keys.Order().ShouldBe(["reason", "startDate"]);
        var notATherapist = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/allocation",
            Allocation(app, proposal.Version, await StaffIdOfAsync(app, school, Role.Sendco)));
        Json.Errors(await notATherapist.Content.ReadAsStringAsync())["staffId"].ShouldBe(["Choose a therapist from the list"]);
        var stale = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/allocation", Allocation(app, proposal.Version - 1, school.TherapistStaffId.Value));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await OpenEpisodesAsync(app, school)).ShouldBe(0, "nothing was allocated by the refused requests");

        var allocated = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/allocation", Allocation(app, proposal.Version, school.TherapistStaffId.Value));
        allocated.StatusCode.ShouldBe(HttpStatusCode.Created);
        var episode = (await allocated.Content.ReadFromJsonAsync<EpisodeDto>(Json.Options))!;
        (episode.StaffId, episode.Discipline, episode.Status, episode.ReferralId).ShouldBe((school.TherapistStaffId, Discipline.Counselling, EpisodeStatus.Open, (ReferralId?)school.ReferralId));
        var twice = await hot.PostAsJsonAsync($"/api/v1/referrals/{school.ReferralId}/allocation", Allocation(app, proposal.Version, school.TherapistStaffId.Value));
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a second click allocates nothing more");
        (await OpenEpisodesAsync(app, school)).ShouldBe(1);
        var afterwards = await hot.GetAsync(new Uri($"/api/v1/referrals/{school.ReferralId}/allocation", UriKind.Relative));
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterwards.Content.ReadAsStringAsync()).ShouldContain("not on the waiting list");

        var teacher = (await school.SignInAsync(Role.EducationStaff)).Http;
        (await teacher.GetFromJsonAsync<List<ReferralStatusDto>>("/api/v1/referrals/mine", Json.Options))!.Single(r => r.Id == school.ReferralId.Value).Status.ShouldBe(ReferralStatus.Allocated);
        (await teacher.GetAsync(new Uri("/api/v1/caseload", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a teacher sees the referral's status, not caseloads");

        var therapist = (await school.SignInAsync(Role.Therapist)).Http;
        var caseload = (await therapist.GetFromJsonAsync<List<CaseloadEntryDto>>("/api/v1/caseload", Json.Options))!;
        caseload.ShouldHaveSingleItem().EpisodeId.ShouldBe(episode.Id);
        var noNote = await therapist.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/not-ready", new { note = "  " });
        Json.Errors(await noNote.Content.ReadAsStringAsync())["note"].ShouldBe(["Enter why the pupil is not ready"]);
        (await therapist.PostAsJsonAsync($"/api/v1/episodes/{Guid.NewGuid()}/not-ready", new { note = "Not ready" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await therapist.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/not-ready", new { note = "Too anxious to leave class yet; strategies first." })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await therapist.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/not-ready", new { note = "Again" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the episode has ended");
        (await therapist.GetFromJsonAsync<List<CaseloadEntryDto>>("/api/v1/caseload", Json.Options))!.ShouldBeEmpty();

        var waiting = (await hot.GetFromJsonAsync<List<WaitingEntryDto>>("/api/v1/waiting-list", Json.Options))!;
        waiting.ShouldHaveSingleItem().ReferralId.ShouldBe(school.ReferralId);
        (await hot.GetFromJsonAsync<ReferralDto>($"/api/v1/referrals/{school.ReferralId}", Json.Options))!.Status.ShouldBe(ReferralStatus.Accepted);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherSchoolsReferralOrEpisode_IsNotFound_AndNothingChanges(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);
        var hot = (await ours.SignInAsync(Role.HeadOfTherapy)).Http;

        (await hot.GetAsync(new Uri($"/api/v1/referrals/{theirs.ReferralId}/allocation", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hot.PostAsJsonAsync($"/api/v1/referrals/{theirs.ReferralId}/allocation", Allocation(app, 0, theirs.TherapistStaffId.Value))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hot.PostAsJsonAsync($"/api/v1/episodes/{theirs.EpisodeId}/not-ready", new { note = "Not ready" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hot.GetFromJsonAsync<List<CaseloadEntryDto>>("/api/v1/caseload", Json.Options))!.ShouldAllBe(e => e.EpisodeId != theirs.EpisodeId);

        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);
    }

    private static object Allocation(TestApp app, int version, Guid staffId) =>
        new { version, staffId, reason = "Shares Monday mornings; experienced with this need.", startDate = SchoolTime.London.Today(app.Clock).AddDays(1), tellParents = true };

    private static async Task EndTheCounsellingEpisodeAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
        episode.Close(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), DischargeReason.NaturalEndPoint);
        await db.SaveChangesAsync();
    }

    private static async Task<int> OpenEpisodesAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Episodes.CountAsync(e => e.Status == EpisodeStatus.Open);
    }

    private static async Task<Guid> StaffIdOfAsync(TestApp app, TestSchool school, Role role)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var userId = school[role].Id;
        return (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().StaffMembers.SingleAsync(s => s.UserId == userId)).Id.Value;
    }
}
