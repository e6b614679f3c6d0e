using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Audit;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Identity.SingleSignOn;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Support.Form;

namespace SecureBase.Tests.Identity;

/// <summary>
/// Staff sign in with their school's accounts through a real OpenID Connect provider on loopback
/// (<see cref="TestOidcProvider"/>), set up by the school's administrator on the single sign-on page (issue 15, ADR 0017).
/// </summary>
public sealed class SingleSignOnTests
{
    private sealed record Setup(TestApp App, TestSchool School, TestOidcProvider Idp, string Domain) : IAsyncDisposable
    {
        public string EmailOf(string name) => $"{name}@{Domain}";

        public ValueTask DisposeAsync() => Idp.DisposeAsync();
    }

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var idp = await TestOidcProvider.StartAsync(app.Clock);
        var domain = TestSchool.Letters(10) + ".sch.uk";
        var admin = await school.SignInAsync(Role.Administrator);
        var saved = await admin.SubmitAsync("/admin/single-sign-on", [
            Field("Input.Provider", nameof(SignOnProvider.OtherOpenIdConnect)), Field("Input.Issuer", idp.Issuer + "/"), Field("Input.ClientId", idp.ClientId),
            Field("Input.ClientSecret", idp.ClientSecret), Field("Input.AllowedDomains", $"{domain.ToUpperInvariant()}, other-{domain}"), Field("Input.Enabled", "true")]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join(" | ", (await TestClient.ReadAsync(saved)).Errors));
        return new Setup(app, school, idp, domain);
    }

    private static async Task SetEmailAsync(TestApp app, Guid userId, string email)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        (await users.SetEmailAsync(user!, email)).Succeeded.ShouldBeTrue();
    }

    /// <summary>The staff member's email is <paramref name="local"/> at the school's domain, and the provider's account <paramref name="sub"/> carries it.</summary>
    private static async Task GivenProviderAccountAsync(Setup s, Guid userId, string local, string sub)
    {
        await SetEmailAsync(s.App, userId, s.EmailOf(local));
        s.Idp.User = new TestProviderUser(sub, s.EmailOf(local));
    }

    /// <summary>As <see cref="GivenProviderAccountAsync"/>, then signs in with it once, which links it.</summary>
    private static async Task LinkAsync(Setup s, Guid userId, string local, string sub)
    {
        await GivenProviderAccountAsync(s, userId, local, sub);
        (await SignInWithProviderAsync(s, s.EmailOf(local))).Callback.Status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The whole journey in a browser: school email, on to the provider, back to SecureBase with the code.</summary>
    private static async Task<(TestClient Browser, Page Callback, string CallbackUrl)> SignInWithProviderAsync(Setup s, string email, Func<string, string>? tamper = null)
    {
        var browser = new TestClient(s.App.NewBrowser());
        var chosen = await browser.SubmitAndReadAsync("/login/school-account", [Field("Email", email)]);
        chosen.Status.ShouldBe(HttpStatusCode.OK);
        var start = chosen.Document.QuerySelector("#sso-schools a")?.GetAttribute("href") ?? throw new InvalidOperationException("No school offered: " + chosen.Text);
        chosen.Document.QuerySelector("meta[http-equiv='refresh']")!.GetAttribute("content").ShouldBe("0;url=" + start);
        var toProvider = await browser.GetAsync(start);
        toProvider.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        toProvider.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(s.Idp.Issuer + "/authorize");
        using var network = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await network.GetAsync(toProvider.Headers.Location);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        var callback = back.Headers.Location!.PathAndQuery;
        callback.ShouldStartWith("/login/school-account/callback?");
        if (tamper is not null)
        {
            callback = tamper(callback);
        }

        return (browser, await TestClient.ReadAsync(await browser.GetAsync(callback)), callback);
    }

    private static Task<List<AuditEntry>> AuditAsync(Setup s, string action) =>
        SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.SchoolId == s.School.Id && e.Action == action).OrderBy(e => e.Sequence).ToListAsync());

    private static Task<List<string>> LoginsAsync(Setup s, Guid userId) =>
        SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.Set<IdentityUserLogin<Guid>>().AsNoTracking()
            .Where(l => l.UserId == userId).Select(l => l.LoginProvider + " " + l.ProviderKey).ToListAsync());

    private static async Task ShouldNotBeSignedInAsync(TestClient browser)
    {
        var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), home.Headers.Location!).AbsolutePath.ShouldBe("/login");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AStaffMember_SignsInWithTheSchoolAccount_ReachesTheHomePage_AndTheProviderAccountIsBound(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var teacher = s.School[Role.EducationStaff];
        await SetEmailAsync(s.App, teacher.Id, s.EmailOf("j.teacher"));
        s.Idp.User = new TestProviderUser("sub-teacher", s.EmailOf("J.Teacher"));

        var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("j.teacher"));

        callback.Status.ShouldBe(HttpStatusCode.OK, callback.Text);
        callback.Document.QuerySelector("#continue")!.GetAttribute("href").ShouldBe("/");
        var home = await browser.GetPageAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Text.ShouldContain("Education staff");
        (await LoginsAsync(s, teacher.Id)).ShouldBe([$"{s.Idp.Issuer} sub-teacher"]);
        (await browser.GetPageAsync("/account")).Document.QuerySelector("#school-account-linked").ShouldNotBeNull("the account page says it is linked");
        (await (await s.School.SignInAsync(Role.Sendco)).GetPageAsync("/account")).Document.QuerySelector("#school-account-linked").ShouldBeNull();
        (await AuditAsync(s, AuditActions.LoginSucceeded)).ShouldContain(e => e.UserId == teacher.Id && e.Detail == $"school account ({s.Idp.Issuer}) alone, no multi-factor asserted");
        (await AuditAsync(s, SignOnAudit.Configured)).Single().Detail!.ShouldNotContain(s.Idp.ClientSecret);

        // Signing out works as for a password sign-in: the session ends.
        var signedOut = await browser.SubmitAsync("/logout", []);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ShouldNotBeSignedInAsync(browser);
    }

    [Theory, OnSqlite]
    public async Task TheStaffRecordsEmail_FindsTheAccountToo(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var therapist = s.School[Role.Therapist];
        await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, async db =>
        {
            await db.StaffMembers.Where(m => m.UserId == therapist.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Email, s.EmailOf("t.therapist")));
            return 0;
        });
        s.Idp.User = new TestProviderUser("sub-therapist", s.EmailOf("t.therapist"), Methods: ["pwd", "mfa"]);

        var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("t.therapist"));

        callback.Status.ShouldBe(HttpStatusCode.OK, callback.Text);
        (await browser.GetPageAsync("/")).Text.ShouldContain("Therapist");
    }

    [Theory, OnSqlite]
    public async Task WhenTheProviderAssertsMfa_NoSecondCodeIsAsked_OtherwiseTheAppAsksForItsOwn(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var therapist = s.School[Role.Therapist];
        RoleInfo.Of(Role.Therapist).RequiresTwoFactor.ShouldBeTrue();
        await SetEmailAsync(s.App, therapist.Id, s.EmailOf("therapist"));

        s.Idp.User = new TestProviderUser("sub-therapist", s.EmailOf("therapist"), Methods: ["pwd", "mfa"]);
        var (withMfa, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("therapist"));
        callback.Document.QuerySelector("#continue")!.GetAttribute("href").ShouldBe("/");
        var home = await withMfa.GetPageAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK, "no detour to a second factor");
        home.Text.ShouldContain("Therapist");
        (await withMfa.GetAsync("/caseload")).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);

        s.Idp.User = new TestProviderUser("sub-therapist", s.EmailOf("therapist"), Methods: ["pwd"]);
        var (withoutMfa, asked, _) = await SignInWithProviderAsync(s, s.EmailOf("therapist"));
        var next = asked.Document.QuerySelector("#continue")!.GetAttribute("href")!;
        next.ShouldStartWith("/login/two-factor");
        await ShouldNotBeSignedInAsync(withoutMfa);
        var code = await withoutMfa.SubmitAsync(next, [Field("Input.Code", TestSchool.NextCode(s.App, therapist))]);
        code.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        code.Headers.Location!.OriginalString.ShouldBe("/");
        (await withoutMfa.GetPageAsync("/")).Text.ShouldContain("Therapist");
        (await AuditAsync(s, SignOnAudit.Verified)).ShouldContain(e => e.UserId == therapist.Id);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAuditLog_SaysHowTheSchoolAccountSignInWasCompleted_NotPassword(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var therapist = s.School[Role.Therapist];
        await SetEmailAsync(s.App, therapist.Id, s.EmailOf("therapist"));

        // The provider asserted multi-factor: SecureBase's own code was skipped, and the audit says why.
        s.Idp.User = new TestProviderUser("sub-therapist", s.EmailOf("therapist"), Methods: ["pwd", "mfa"]);
        (await SignInWithProviderAsync(s, s.EmailOf("therapist"))).Callback.Status.ShouldBe(HttpStatusCode.OK);
        // No multi-factor asserted: SecureBase's authenticator code, after the school account, not after a password.
        s.Idp.User = new TestProviderUser("sub-therapist", s.EmailOf("therapist"), Methods: ["pwd"]);
        var (browser, asked, _) = await SignInWithProviderAsync(s, s.EmailOf("therapist"));
        var next = asked.Document.QuerySelector("#continue")!.GetAttribute("href")!;
        (await browser.SubmitAsync(next, [Field("Input.Code", TestSchool.NextCode(s.App, therapist))])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A password sign-in of the same person still says password.
        (await s.School.SignInAsync(Role.Therapist)).ShouldNotBeNull();

        var signIns = (await AuditAsync(s, AuditActions.LoginSucceeded)).Where(e => e.UserId == therapist.Id).Select(e => e.Detail).ToList();
        signIns.TakeLast(3).ShouldBe([
            $"school account ({s.Idp.Issuer}) with multi-factor asserted by the provider",
            $"school account ({s.Idp.Issuer}) and authenticator code",
            "password and authenticator code",
        ]);
    }

    private static async Task<Page> LinkedListAsync(TestClient admin) => await admin.GetPageAsync("/admin/single-sign-on");

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAdministrator_UnlinksASchoolAccount_ItIsAudited_AndTheNextSignInBindsTheNewAccountByEmail(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var teacher = s.School[Role.EducationStaff];
        await SetEmailAsync(s.App, teacher.Id, s.EmailOf("teacher"));
        var admin = await s.School.SignInAsync(Role.Administrator);
        (await LinkedListAsync(admin)).Document.QuerySelector("#no-linked").ShouldNotBeNull("nobody has signed in with a school account yet");
        s.Idp.User = new TestProviderUser("sub-old", s.EmailOf("teacher"));
        (await SignInWithProviderAsync(s, s.EmailOf("teacher"))).Callback.Status.ShouldBe(HttpStatusCode.OK);

        var list = await LinkedListAsync(admin);
        var rows = list.Document.QuerySelectorAll("#linked-accounts tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].TextContent.ShouldContain(teacher.UserName);
        rows[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/admin/single-sign-on/unlink/{teacher.Id}");

        // The teacher's Microsoft account was recreated: a new subject with the same email is refused until unlinked.
        s.Idp.User = new TestProviderUser("sub-new", s.EmailOf("teacher"));
        (await SignInWithProviderAsync(s, s.EmailOf("teacher"))).Callback.Status.ShouldBe(HttpStatusCode.BadRequest);

        var confirm = await admin.GetPageAsync($"/admin/single-sign-on/unlink/{teacher.Id}");
        confirm.Status.ShouldBe(HttpStatusCode.OK);
        confirm.Title.ShouldContain("Unlink");
        (await LoginsAsync(s, teacher.Id)).ShouldBe([$"{s.Idp.Issuer} sub-old"], "opening the confirmation changes nothing");
        var unlinked = await admin.SubmitAsync($"/admin/single-sign-on/unlink/{teacher.Id}", [], "#unlink");
        unlinked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unlinked.Headers.Location!.OriginalString.ShouldBe("/admin/single-sign-on");
        var after = await LinkedListAsync(admin);
        after.Document.QuerySelector("[role=status]")!.TextContent.ShouldContain("school account is unlinked");
        after.Document.QuerySelector("#no-linked").ShouldNotBeNull();
        (await LoginsAsync(s, teacher.Id)).ShouldBeEmpty();
        var audited = (await AuditAsync(s, SignOnAudit.Unlinked)).ShouldHaveSingleItem();
        audited.RecordId.ShouldBe(teacher.Id.ToString());
        audited.UserId.ShouldBe(s.School[Role.Administrator].Id, "the administrator who unlinked it");
        audited.Detail!.ShouldContain("sub-old");
        audited.Detail!.ShouldContain(s.Idp.Issuer);

        // The next sign-in finds the account by its verified email again and binds the new provider account.
        var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("teacher"));
        callback.Status.ShouldBe(HttpStatusCode.OK, callback.Text);
        (await browser.GetPageAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
        (await LoginsAsync(s, teacher.Id)).ShouldBe([$"{s.Idp.Issuer} sub-new"]);
    }

    [Theory, OnSqlite]
    public async Task OnlyTheSchoolsAdministrator_Unlinks_AndAStaleOrForgedFormChangesNothing(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var teacher = s.School[Role.EducationStaff];
        await LinkAsync(s, teacher.Id, "teacher", "sub-teacher");
        var url = $"/admin/single-sign-on/unlink/{teacher.Id}";
        var admin = await s.School.SignInAsync(Role.Administrator);
        var token = await admin.TokenFromAsync(url);

        // Staff who are not the administrator: refused, whether they open the page or post its form.
        foreach (var role in new[] { Role.EducationStaff, Role.HeadOfTherapy, Role.Headteacher })
        {
            var other = await s.School.SignInAsync(role);
            (await other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            var otherToken = await other.TokenFromAsync("/account");
            (await other.PostFormAsync(url, [Field("__RequestVerificationToken", otherToken), Field("Subject", "sub-teacher")])).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }

        // Another school's administrator (with single sign-on of their own) cannot see or touch this school's link.
        var elsewhere = await TestSchool.CreateAsync(s.App);
        var theirAdmin = await elsewhere.SignInAsync(Role.Administrator);
        (await theirAdmin.SubmitAsync("/admin/single-sign-on", [
            Field("Input.Provider", nameof(SignOnProvider.OtherOpenIdConnect)), Field("Input.Issuer", s.Idp.Issuer), Field("Input.ClientId", s.Idp.ClientId),
            Field("Input.ClientSecret", s.Idp.ClientSecret), Field("Input.AllowedDomains", "elsewhere-" + s.Domain), Field("Input.Enabled", "true")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await theirAdmin.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirAdmin.GetPageAsync("/admin/single-sign-on")).Text.ShouldNotContain(teacher.UserName);
        var theirToken = await theirAdmin.TokenFromAsync("/admin/single-sign-on");
        var forged = await theirAdmin.PostFormAsync(url, [Field("__RequestVerificationToken", theirToken), Field("Subject", "sub-teacher")]);
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's link is not found, as every record outside the school");

        // This school's administrator: a form for another subject (stale, or made up) changes nothing; nor does an unknown account.
        var stale = await TestClient.ReadAsync(await admin.PostFormAsync(url, [Field("__RequestVerificationToken", token), Field("Subject", "sub-someone-else")]));
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Errors.ShouldContain(e => e.Contains("nothing was changed", StringComparison.Ordinal));
        (await admin.PostFormAsync(url, [Field("__RequestVerificationToken", token)])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostFormAsync($"/admin/single-sign-on/unlink/{Guid.NewGuid()}", [Field("__RequestVerificationToken", token), Field("Subject", "sub-teacher")])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostFormAsync(url, [Field("Subject", "sub-teacher")])).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no antiforgery token");

        (await LoginsAsync(s, teacher.Id)).ShouldBe([$"{s.Idp.Issuer} sub-teacher"]);
        (await AuditAsync(s, SignOnAudit.Unlinked)).ShouldBeEmpty();
    }

    [Fact]
    public void MultiFactor_IsMfaOrAHardwareKey_OrTwoKindsOfFactor()
    {
        SignOnProtocol.AssertsMultiFactor(["mfa"]).ShouldBeTrue();
        SignOnProtocol.AssertsMultiFactor(["pwd", "mfa"]).ShouldBeTrue();
        SignOnProtocol.AssertsMultiFactor(["hwk"]).ShouldBeTrue();
        SignOnProtocol.AssertsMultiFactor(["pwd", "otp"]).ShouldBeTrue();
        SignOnProtocol.AssertsMultiFactor(["pwd"]).ShouldBeFalse();
        SignOnProtocol.AssertsMultiFactor(["otp"]).ShouldBeFalse();
        SignOnProtocol.AssertsMultiFactor(["pwd", "pin"]).ShouldBeFalse();
        SignOnProtocol.AssertsMultiFactor([]).ShouldBeFalse();
    }

    public static TheoryData<string> BrokenTokens => ["wrong audience", "expired", "wrong nonce", "unknown key"];

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task ABrokenIdToken_IsRefusedPlainly_Audited_AndNobodyIsSignedIn(string broken)
    {
        await using var s = await SetUpAsync(DatabaseProvider.Sqlite);
        var teacher = s.School[Role.EducationStaff];
        await GivenProviderAccountAsync(s, teacher.Id, "teacher", "sub-teacher");
        switch (broken)
        {
            case "wrong audience": s.Idp.AudienceInstead = "someone-else"; break;
            case "expired": s.Idp.IssuedAgo = TimeSpan.FromMinutes(20); break;
            case "wrong nonce": s.Idp.NonceInstead = "not-the-nonce"; break;
            default: s.Idp.SignWithUnknownKey = true; break;
        }

        var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("teacher"));

        callback.Status.ShouldBe(HttpStatusCode.BadRequest);
        callback.Document.QuerySelector("#sso-refused")!.TextContent.Trim().ShouldBe(SchoolAccountCallbackPageModel.DidNotWork);
        callback.Html.ShouldNotContain("Exception");
        await ShouldNotBeSignedInAsync(browser);
        var refused = await AuditAsync(s, SignOnAudit.Refused);
        refused.Count.ShouldBe(1);
        refused[0].Detail!.ShouldContain(broken == "wrong nonce" ? "nonce" : "id_token is not valid");
        (await LoginsAsync(s, teacher.Id)).ShouldBeEmpty("nothing is bound");
    }

    [Theory, OnSqlite]
    public async Task AWrongOrMissingState_AReplayedCallback_AreRefused(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var teacher = s.School[Role.EducationStaff];
        await GivenProviderAccountAsync(s, teacher.Id, "teacher", "sub-teacher");

        var (wrong, wrongState, _) = await SignInWithProviderAsync(s, s.EmailOf("teacher"), url => System.Text.RegularExpressions.Regex.Replace(url, "state=[^&]+", "state=forged"));
        wrongState.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrongState.Text.ShouldContain(SchoolAccountCallbackPageModel.DidNotWork);
        await ShouldNotBeSignedInAsync(wrong);
        s.Idp.TokenRequests.ShouldBe(0, "the code is never exchanged");

        var (browser, good, url) = await SignInWithProviderAsync(s, s.EmailOf("teacher"));
        good.Status.ShouldBe(HttpStatusCode.OK);
        var before = await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.AuditEntries.MaxAsync(e => e.Sequence));
        var stranger = new TestClient(s.App.NewBrowser());
        var replayedElsewhere = await TestClient.ReadAsync(await stranger.GetAsync(url));
        replayedElsewhere.Status.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldNotBeSignedInAsync(stranger);
        var replayedHere = await TestClient.ReadAsync(await browser.GetAsync(url));
        replayedHere.Status.ShouldBe(HttpStatusCode.BadRequest, "the state cookie was used once");

        (await AuditAsync(s, SignOnAudit.Refused)).ShouldContain(e => e.Detail == "the state does not match this browser's sign-in");
        // Without its state the callback names no school: those refusals are audited as the installation's security events.
        var replays = await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence > before && e.Action == SignOnAudit.Refused && e.SchoolId == null).Select(e => e.Detail).ToListAsync());
        replays.Count(d => d!.Contains("missing, used already or expired", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory, OnSqlite]
    public async Task NotLinkedAccounts_AreRefusedInTheSchoolsWords_AndNothingChanges(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var other = await TestSchool.CreateAsync(s.App);
        var teacher = s.School[Role.EducationStaff];
        var sendco = s.School[Role.Sendco];
        var disabled = s.School[Role.Headteacher];
        await SetEmailAsync(s.App, teacher.Id, s.EmailOf("teacher"));
        await SetEmailAsync(s.App, sendco.Id, "sendco@elsewhere.org.uk");
        await SetEmailAsync(s.App, other[Role.EducationStaff].Id, s.EmailOf("other-school"));
        await SetEmailAsync(s.App, disabled.Id, s.EmailOf("head"));
        await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        var notLinked = SchoolAccountCallbackPageModel.NotLinked(s.School.Name);

        var cases = new (TestProviderUser User, string Why)[]
        {
            (new("sub-unverified", s.EmailOf("teacher"), EmailVerified: false), "not verified"),
            (new("sub-unknown", s.EmailOf("nobody")), "no member"),
            (new("sub-sendco", "sendco@elsewhere.org.uk"), "domain"),
            (new("sub-other", s.EmailOf("other-school")), "no member"),
            (new("sub-head", s.EmailOf("head")), "disabled"),
        };
        foreach (var (user, why) in cases)
        {
            s.Idp.User = user;
            // The person types the school's domain; the provider answers for whoever signed in there.
            var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("someone"));
            callback.Status.ShouldBe(HttpStatusCode.BadRequest, why);
            callback.Document.QuerySelector("#sso-refused")!.TextContent.Trim().ShouldBe(notLinked, why);
            await ShouldNotBeSignedInAsync(browser);
        }

        var refused = await AuditAsync(s, SignOnAudit.Refused);
        foreach (var (_, why) in cases)
        {
            refused.ShouldContain(e => e.Detail!.Contains(why, StringComparison.Ordinal), why);
        }

        (await LoginsAsync(s, teacher.Id)).ShouldBeEmpty();
        (await LoginsAsync(s, disabled.Id)).ShouldBeEmpty();
    }

    [Theory, OnSqlite]
    public async Task OnceBound_AnotherProviderAccountWithTheSameEmail_IsRefused(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var teacher = s.School[Role.EducationStaff];
        await LinkAsync(s, teacher.Id, "teacher", "sub-first");

        s.Idp.User = new TestProviderUser("sub-impostor", s.EmailOf("teacher"));
        var (browser, callback, _) = await SignInWithProviderAsync(s, s.EmailOf("teacher"));

        callback.Status.ShouldBe(HttpStatusCode.BadRequest);
        callback.Text.ShouldContain(SchoolAccountCallbackPageModel.NotLinked(s.School.Name));
        await ShouldNotBeSignedInAsync(browser);
        (await LoginsAsync(s, teacher.Id)).ShouldBe([$"{s.Idp.Issuer} sub-first"]);
        (await AuditAsync(s, SignOnAudit.Refused)).ShouldContain(e => e.Detail!.Contains("different provider account", StringComparison.Ordinal));
    }

    [Theory, OnSqlite]
    public async Task TheSettingsPage_RefusesBadInput_KeepsTheSecretHidden_AndOnlyTheAdministratorOpensIt(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var admin = await s.School.SignInAsync(Role.Administrator);
        var page = await admin.GetPageAsync("/admin/single-sign-on");
        page.Html.ShouldNotContain(s.Idp.ClientSecret);
        page.Document.QuerySelector("#redirect-uri")!.TextContent.ShouldBe("http://localhost/login/school-account/callback");
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#Input_ClientSecret")!).Value.ShouldBeEmpty();
        var stored = await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.SchoolSignOns.AsNoTracking().SingleAsync());
        stored.ProtectedSecret.ShouldNotContain(s.Idp.ClientSecret);
        stored.AllowedDomains.ShouldBe($"{s.Domain},other-{s.Domain}");

        foreach (var (field, value, error) in new[]
                 {
                     ("Input.Issuer", "http://login.example.org/tenant", "https://"),
                     ("Input.Issuer", "not a url", "https://"),
                     ("Input.ClientId", "", "client (application) id"),
                     ("Input.AllowedDomains", "staff@oakfield.sch.uk", "not an email domain"),
                     ("Input.AllowedDomains", "oak field.sch.uk", "not an email domain"),
                 })
        {
            var refused = await admin.SubmitAndReadAsync("/admin/single-sign-on", [Field(field, value), Field("Input.ClientSecret", "a-new-secret")]);
            refused.Status.ShouldBe(HttpStatusCode.OK);
            refused.Errors.ShouldContain(e => e.Contains(error, StringComparison.Ordinal), $"{field}={value}: {string.Join(" | ", refused.Errors)}");
            refused.Html.ShouldNotContain("a-new-secret");
        }

        var after = await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.SchoolSignOns.AsNoTracking().SingleAsync());
        after.ProtectedSecret.ShouldBe(stored.ProtectedSecret, "bad input changes nothing");
        after.Issuer.ShouldBe(s.Idp.Issuer);
        (await AuditAsync(s, SignOnAudit.Configured)).Count.ShouldBe(1);

        // Switching it off keeps the secret (left blank) and stops sign-in with school accounts.
        (await admin.SubmitAsync("/admin/single-sign-on", [Field("Input.Enabled", "false")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var off = await SecureBase.Tests.Imports.ImportFiles.QueryAsync(s.App, s.School, db => db.SchoolSignOns.AsNoTracking().SingleAsync());
        off.Enabled.ShouldBeFalse();
        off.ProtectedSecret.ShouldBe(stored.ProtectedSecret);
        var chooser = await new TestClient(s.App.NewBrowser()).SubmitAndReadAsync("/login/school-account", [Field("Email", s.EmailOf("teacher"))]);
        chooser.Errors.ShouldContain(e => e.Contains("No school signs in", StringComparison.Ordinal));

        foreach (var role in new[] { Role.HeadOfTherapy, Role.EducationStaff })
        {
            var other = await s.School.SignInAsync(role);
            (await other.GetAsync("/admin/single-sign-on")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
    }
}
