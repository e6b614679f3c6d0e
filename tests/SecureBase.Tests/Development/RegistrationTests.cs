using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Data;
using SecureBase.Development;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Development.DevelopmentData;

namespace SecureBase.Tests.Development;

/// <summary>Registration (C12): renewal reminders at 8 and 2 weeks, each once; a lapsed registration on the allocation desk.</summary>
public sealed class RegistrationTests
{
    private static Task<RegistrationReminderResult> RemindAsync(TestApp app, TestSchool school, DateOnly on) =>
        WithDbAsync(app, school, (_, services) => services.GetRequiredService<RegistrationReminders>().RunAsync(on, app.Clock.GetUtcNow().UtcDateTime));

    private static Task<List<string>> RemindersForAsync(TestApp app, TestSchool school, Role role) =>
        WithDbAsync(app, school, (db, _) => db.Notifications.AsNoTracking().Where(n => n.UserId == school[role].Id && n.DedupeKey.StartsWith("registration-"))
            .OrderBy(n => n.CreatedAt).Select(n => n.DedupeKey).ToListAsync());

    [Theory, OnSqlite, OnPostgres]
    public async Task ARegistrationDueForRenewal_RemindsThePractitionerAndTheHeadOfTherapyOnceAt8WeeksAndOnceAt2Weeks(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var today = Today(app);
        var renewal = today.AddDays(70);
        await WithDbAsync(app, school, async (db, _) =>
        {
            var therapist = await db.StaffMembers.SingleAsync(s => s.UserId == school[Role.Therapist].Id);
            therapist.Update(new StaffDetails(null, "Test", "Therapist", null, "Art therapist", Discipline.ArtTherapy, RegistrationBody.Hcpc, "AS98765", renewal, 20));
            return await db.SaveChangesAsync();
        });

        // Ten weeks before: nothing yet.
        (await RemindAsync(app, school, today)).Sent.ShouldBe(0);
        (await RemindersForAsync(app, school, Role.Therapist)).ShouldBeEmpty();

        // Eight weeks before, and the days after: one reminder each, however often the daily job runs.
        (await RemindAsync(app, school, renewal.AddDays(-56))).Sent.ShouldBe(2, "the practitioner and the Head of Therapy");
        await RemindAsync(app, school, renewal.AddDays(-56));
        await RemindAsync(app, school, renewal.AddDays(-40));
        (await RemindersForAsync(app, school, Role.Therapist)).ShouldBe([$"registration-8w:{school.TherapistStaffId}:{renewal:yyyyMMdd}"]);
        (await RemindersForAsync(app, school, Role.HeadOfTherapy)).Count.ShouldBe(1);

        // Two weeks before: the second reminder, once.
        (await RemindAsync(app, school, renewal.AddDays(-15))).Sent.ShouldBe(0);
        (await RemindAsync(app, school, renewal.AddDays(-14))).Sent.ShouldBe(2);
        await RemindAsync(app, school, renewal.AddDays(-3));
        (await RemindersForAsync(app, school, Role.Therapist)).ShouldBe([$"registration-8w:{school.TherapistStaffId}:{renewal:yyyyMMdd}", $"registration-2w:{school.TherapistStaffId}:{renewal:yyyyMMdd}"]);
        (await RemindersForAsync(app, school, Role.HeadOfTherapy)).Count.ShouldBe(2);
        (await RemindersForAsync(app, school, Role.Sendco)).ShouldBeEmpty();

        var note = await WithDbAsync(app, school, (db, _) => db.Notifications.AsNoTracking().FirstAsync(n => n.UserId == school[Role.Therapist].Id && n.DedupeKey.StartsWith("registration-2w")));
        note.Body.ShouldContain($"must be renewed by {renewal:d MMMM yyyy}");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ALapsedRegistration_IsShownOnTheAllocationDesk_TheyAreNotOffered_AndAllocationToThemIsRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var lapsedOn = Today(app).AddDays(-3);
        var counsellor = await WithDbAsync(app, school, async (db, _) =>
        {
            var c = StaffMember.Create(school.Id, "CNS9", new StaffDetails("Ms", "Bronwen", "Hughes", null, "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-1", lapsedOn, 10));
            c.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(16, 0), school.SiteId)]);
            db.StaffMembers.Add(c);
            var episode = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
            episode.Close(Today(app), DischargeReason.NaturalEndPoint);
            await db.SaveChangesAsync();
            return c.Id;
        });

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [Form.Field("Input.Discipline", "Counselling"), Form.Field("Input.Priority", "1")], "#accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = $"/allocation/{school.ReferralId}";
        var page = await hot.GetPageAsync(url);
        page.Document.QuerySelector("#lapsed")!.TextContent.ShouldContain("Ms Hughes: registration lapsed – may not practise");
        page.Document.QuerySelector($"#staff-{counsellor}").ShouldBeNull("a practitioner who may not practise is not offered");

        var refused = await TestClient.ReadAsync(await hot.SubmitAsync(url, [Form.Field("Input.StaffId", counsellor.ToString()), Form.Field("Input.Reason", "Free on Mondays.")]));
        refused.Errors.ShouldContain(e => e.Contains($"Ms Hughes's registration lapsed on {lapsedOn:d MMMM yyyy}", StringComparison.Ordinal));
        (await WithDbAsync(app, school, (db, _) => db.Episodes.CountAsync(e => e.StaffId == counsellor))).ShouldBe(0);

        // Renewed: offered again.
        await WithDbAsync(app, school, async (db, _) =>
        {
            var c = await db.StaffMembers.SingleAsync(s => s.Id == counsellor);
            c.Update(new StaffDetails("Ms", "Bronwen", "Hughes", null, "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-1", Today(app).AddYears(1), 10));
            return await db.SaveChangesAsync();
        });
        var renewed = await hot.GetPageAsync(url);
        renewed.Document.QuerySelector("#lapsed").ShouldBeNull();
        renewed.Document.QuerySelector($"#staff-{counsellor}").ShouldNotBeNull();
    }
}
