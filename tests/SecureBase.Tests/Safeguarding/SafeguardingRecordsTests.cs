using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Safeguarding;
using SecureBase.Sessions;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Safeguarding;

/// <summary>
/// Child protection records kept as a DSL expects (issue 13): reviewed at date of birth + 25 years and never deleted;
/// each DSL's own unread count; the school's "was not brought" threshold kept by the DSL.
/// </summary>
public sealed class SafeguardingRecordsTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task ChildProtectionRecords_ShowTheirRetentionReviewDate_AndNothingDeletesThem_NotEvenThePupilLeaving(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await CpTransferTests.RaiseAsync(app, school);
        var dsl = await school.SignInAsync(Role.Dsl);
        var chronology = await dsl.GetPageAsync($"/pupils/{school.PupilId}/chronology");
        chronology.Document.QuerySelector("#retention")!.TextContent.ShouldContain("2 March 2039", customMessage: "born 2 March 2014: reviewed at 25");
        chronology.Document.QuerySelector("#retention")!.TextContent.ShouldContain("never deleted automatically");
        var concernLink = (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#concerns a")!.GetAttribute("href")!;
        (await dsl.GetPageAsync(concernLink)).Document.QuerySelector("#retention")!.TextContent.ShouldContain("2 March 2039");
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#no-retention").ShouldNotBeNull("a pupil born in 2014 is not due for review");

        // The pupil leaves: the records stay, and the DSL still reads them.
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var pupil = await db.Pupils.SingleAsync(p => p.Id == school.PupilId);
            pupil.MarkLeft(CpTransferTests.Today(app).AddDays(-1), app.Clock.GetUtcNow().UtcDateTime).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        (await dsl.GetPageAsync($"/pupils/{school.PupilId}/chronology")).Document.QuerySelectorAll("#chronology tbody tr").Length.ShouldBe(2);

        // Nothing deletes them: not a delete through the application's model, not a purge in SQL, not deleting the pupil.
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            db.Concerns.Remove(await db.Concerns.SingleAsync());
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            await Should.ThrowAsync<Exception>(() => db.Concerns.ExecuteDeleteAsync());
            await Should.ThrowAsync<Exception>(() => db.ConcernEntries.ExecuteDeleteAsync());
            await Should.ThrowAsync<Exception>(() => db.Pupils.Where(p => p.Id == school.PupilId).ExecuteDeleteAsync());
            (await db.Concerns.CountAsync()).ShouldBe(1);
            (await db.ConcernEntries.CountAsync()).ShouldBe(1);
        }

        var dslApi = await school.SignInAsync(Role.Dsl);
        var id = concernLink.Split('/')[^1];
        (await dslApi.Http.DeleteAsync(new Uri($"/api/v1/concerns/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RecordsOfAPupilPastDateOfBirthPlus25Years_AreListedForTheDslsRetentionReview(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await CpTransferTests.RaiseAsync(app, school);
        var born = CpTransferTests.Today(app).AddYears(-25).AddDays(-3);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            await db.Pupils.Where(p => p.Id == school.PupilId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DateOfBirth, born));
        }

        var dsl = await school.SignInAsync(Role.Dsl);
        var due = (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#retention-review")!.TextContent;
        due.ShouldContain("Jamal");
        due.ShouldContain(born.AddYears(25).ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture));
        due.ShouldContain("1 concern");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task EachDsl_HasTheirOwnUnreadCount_ThatStaysUntilTheyOpenTheConcern_WithUrgentOnesMarked(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var deputy = await AddDeputyDslAsync(app, school);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var urgent = (await (await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns",
            new { whatWasSeenOrSaid = "A mark on his neck; said his step-dad grabbed him.", category = "Physical", submissionKey = Guid.NewGuid() })).Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options))!.Id;
        (await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns",
            new { whatWasSeenOrSaid = "Often late and tired.", category = "Neglect", submissionKey = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var dsl = await school.SignInAsync(Role.Dsl);
        var deputyClient = await TestSchool.SignInAsync(app, deputy);
        async Task<string> CountAsync(TestClient c) =>
            (await c.GetPageAsync("/")).Document.QuerySelector("nav [data-nav-count='/safeguarding']")?.TextContent.Trim() ?? "";

        (await CountAsync(dsl)).ShouldContain("2");
        (await CountAsync(dsl)).ShouldContain("1 urgent");
        (await CountAsync(deputyClient)).ShouldContain("2");

        (await dsl.GetPageAsync($"/safeguarding/concerns/{urgent}")).Status.ShouldBe(HttpStatusCode.OK);
        (await CountAsync(dsl)).ShouldContain("1");
        (await CountAsync(dsl)).ShouldNotContain("urgent", customMessage: "the DSL opened the urgent one");
        (await CountAsync(deputyClient)).ShouldContain("2", customMessage: "the deputy has not opened it: their count stays");
        (await CountAsync(deputyClient)).ShouldContain("1 urgent");
        var list = await deputyClient.GetPageAsync("/safeguarding");
        list.Document.QuerySelectorAll("#concerns tr.unopened").Length.ShouldBe(2);
        list.Document.QuerySelector("#concerns tr.unopened")!.TextContent.ShouldContain("Urgent");
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelectorAll("#concerns tr.unopened").Length.ShouldBe(1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheDslSetsTheWasNotBroughtThreshold_SillyValuesAreRefused_AndThePatternUsesIt(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var dsl = await school.SignInAsync(Role.Dsl);
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#weeks-running")!.TextContent.ShouldBe("3", "3 school weeks running until the school changes it");
        foreach (var silly in new[] { "0", "-2", "13", "lots" })
        {
            var refused = await dsl.SubmitAndReadAsync("/safeguarding/settings", [Form.Field("WasNotBroughtWeeks", silly)]);
            refused.Status.ShouldBe(HttpStatusCode.OK);
            refused.Errors.ShouldContain(e => e.Contains("between 1 and 12", StringComparison.Ordinal), $"{silly} is refused");
        }

        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#weeks-running")!.TextContent.ShouldBe("3", "nothing was changed");
        foreach (var role in new[] { Role.Administrator, Role.Headteacher, Role.HeadOfTherapy })
        {
            (await (await school.SignInAsync(role)).GetAsync("/safeguarding/settings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await dsl.SubmitAsync("/safeguarding/settings", [Form.Field("WasNotBroughtWeeks", "2")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#weeks-running")!.TextContent.ShouldBe("2");

        // A pupil with an open concern who misses sessions two school weeks running is now a pattern.
        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns",
            new { whatWasSeenOrSaid = "Says nobody is at home in the evenings.", category = "Neglect", submissionKey = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var weeks = await WasNotBroughtTests.LastSchoolDaysAsync(app, school, 2);
        await WasNotBroughtTests.RecordAsync(app, school, weeks[0], Attendance.Refused);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldNotContain(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal));
        await WasNotBroughtTests.RecordAsync(app, school, weeks[1], Attendance.PupilAbsent);
        (await Notes.ForAsync(app, school, school[Role.Dsl].Id)).ShouldContain(n => n.Title.StartsWith("Was not brought", StringComparison.Ordinal) && n.Body.Contains("2 school weeks running", StringComparison.Ordinal));
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#missed-patterns")!.TextContent.ShouldContain("missed 2 school weeks running");
    }

    /// <summary>A second DSL (a deputy) of the school, with their own account.</summary>
    private static async Task<TestUser> AddDeputyDslAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            UserName = "deputy.dsl." + TestSchool.Letters(8),
            DisplayName = "Deputy DSL",
            PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), TestSchool.Password),
            CreatedAt = now,
            LockoutEnabled = true,
        };
        (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        db.Memberships.Add(Membership.Grant(user.Id, school.Id, Role.Dsl, now, null));
        await db.SaveChangesAsync();
        return new TestUser(user.Id, user.UserName, TestSchool.Password, Role.Dsl, key);
    }
}
