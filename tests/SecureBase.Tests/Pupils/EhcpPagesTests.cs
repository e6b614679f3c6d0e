using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>The EHCP pages: who sees which pupils' plans, who may change them, and what bad input does (nothing).</summary>
public sealed class EhcpPagesTests
{
    private static readonly Role[] SeeEveryPlan = [Role.Sendco, Role.HeadOfTherapy, Role.Headteacher];
    private static readonly Role[] MayNotSeePlans = [Role.Administrator, Role.TherapyAssistant, Role.Dsl, Role.EducationStaff, Role.Pupil, Role.LocalAuthorityOfficer];

    [Theory, OnSqlite, OnPostgres]
    public async Task EachRole_SeesThePlansItsScopeReaches_AndNoOthers(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (other, otherName) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp, withPlan: true);
        var problems = new List<string>();

        foreach (var role in Enum.GetValues<Role>())
        {
            var browser = await school.SignInAsync(role);
            var list = await browser.GetPageAsync("/ehcp");
            // A reader with no relationship to the plan (the headteacher) gives a reason first; others need none, so it is ignored.
            var own = await browser.GetPageAsync($"/pupils/{school.PupilId}/ehcp?reason=ConsultingTheTeam");
            var notOwn = await browser.GetPageAsync($"/pupils/{other}/ehcp?reason=ConsultingTheTeam");
            if (role == Role.Headteacher)
            {
                var asked = await browser.GetPageAsync($"/pupils/{school.PupilId}/ehcp");
                Check(role, "the plan asks why before it opens", asked.Text.Contains("Why are you opening this EHCP?", StringComparison.Ordinal) && !asked.Text.Contains("Counselling", StringComparison.Ordinal), true);
            }
            var (expectOwn, expectOther) = role switch
            {
                Role.Sendco or Role.HeadOfTherapy or Role.Headteacher => (true, true),
                Role.Therapist => (true, false), // the test pupil is on the therapist's caseload; the other is not
                Role.ParentCarer => (true, false), // the parent's own child only
                _ => (false, false),
            };

            if (MayNotSeePlans.Contains(role))
            {
                if (list.Status != HttpStatusCode.Forbidden || own.Status != HttpStatusCode.Forbidden || notOwn.Status != HttpStatusCode.Forbidden)
                {
                    problems.Add($"{role}: expected 403 everywhere, got {list.Status}/{own.Status}/{notOwn.Status}");
                }

                continue;
            }

            Check(role, "the list shows the test pupil", list.Text.Contains(school.PupilLastName, StringComparison.Ordinal), expectOwn);
            Check(role, "the list shows the other pupil", list.Text.Contains(otherName, StringComparison.Ordinal), expectOther);
            Check(role, "the test pupil's plan opens", own.Status == HttpStatusCode.OK && own.Text.Contains("Counselling", StringComparison.Ordinal), expectOwn);
            Check(role, "the other pupil's plan opens", notOwn.Status == HttpStatusCode.OK && notOwn.Text.Contains(otherName, StringComparison.Ordinal), expectOther);
            if (!expectOther && notOwn.Status != HttpStatusCode.NotFound)
            {
                problems.Add($"{role}: a pupil outside their scope answered {notOwn.Status}, expected 404");
            }
        }

        problems.ShouldBeEmpty();

        void Check(Role role, string what, bool actual, bool expected)
        {
            if (actual != expected)
            {
                problems.Add($"{role}: {what} is {actual}, expected {expected}");
            }
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AParentWithARestrictedLink_SeesNothingOfTheChild(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await EhcpTestData.InSchoolAsync(app, school, async db => (await db.CarerLinks.SingleAsync()).Restrict("Court order: no information to be shared"));

        var parent = await school.SignInAsync(Role.ParentCarer);
        var list = await parent.GetPageAsync("/ehcp");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Text.ShouldNotContain(school.PupilLastName);
        list.Text.ShouldContain("There are no pupils with an EHCP for you to see.");
        (await parent.GetPageAsync($"/pupils/{school.PupilId}/ehcp")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetAsync($"/api/v1/pupils/{school.PupilId}/ehcp")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await parent.GetAsync("/api/v1/ehcp")).Content.ReadAsStringAsync()).ShouldNotContain(school.PupilLastName);
    }

    [Theory, OnSqlite]
    public async Task OnlyTheSendcoAndHeadOfTherapy_AreOfferedChanges(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.Sendco, Role.HeadOfTherapy, Role.Headteacher, Role.Therapist, Role.ParentCarer })
        {
            var browser = await school.SignInAsync(role);
            var page = await browser.GetPageAsync($"/pupils/{school.PupilId}/ehcp");
            var mayChange = role is Role.Sendco or Role.HeadOfTherapy;
            (page.Document.QuerySelector($"a[href='/pupils/{school.PupilId}/ehcp/provision/new']") is not null).ShouldBe(mayChange, $"{role}: Add provision");
            (page.Document.QuerySelector($"a[href='/pupils/{school.PupilId}/ehcp/review']") is not null).ShouldBe(mayChange, $"{role}: Record an annual review");
            (await browser.GetAsync($"/pupils/{school.PupilId}/ehcp/plan")).StatusCode.ShouldBe(mayChange ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role}: the plan form");
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheSendco_RecordsAPlan_AddsChangesAndRemovesProvision_AndEachChangeIsAudited(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (pupil, name) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var sendco = await school.SignInAsync(Role.Sendco);

        var empty = await sendco.GetPageAsync($"/pupils/{pupil}/ehcp");
        empty.Text.ShouldContain($"No EHCP is recorded for Amara {name} yet.");
        (await sendco.GetPageAsync("/ehcp")).Text.ShouldContain("No plan recorded yet");

        var created = await sendco.SubmitAsync($"/pupils/{pupil}/ehcp/plan",
        [
            Form.Field("Input.PlanDate", Iso(today.AddMonths(-3))), Form.Field("Input.NextReviewDue", Iso(today.AddMonths(9))),
            Form.Field("Input.LocalAuthority", "Riverside Borough Council"), Form.Field("Input.Notes", "Transport arranged by the LA.\nPlan amended after tribunal."),
        ]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        created.Headers.Location!.OriginalString.ShouldBe($"/pupils/{pupil}/ehcp");

        (await sendco.SubmitAsync($"/pupils/{pupil}/ehcp/provision/new",
        [
            Form.Field("Input.Discipline", "SpeechAndLanguage"), Form.Field("Input.Sessions", "1"), Form.Field("Input.Frequency", "PerWeek"),
            Form.Field("Input.MinutesPerSession", "45"), Form.Field("Input.Delivery", "Individual"), Form.Field("Input.DeliveredBy", "Speech and language therapist"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await sendco.SubmitAsync($"/pupils/{pupil}/ehcp/provision/new",
        [
            Form.Field("Input.Discipline", "OccupationalTherapy"), Form.Field("Input.Sessions", "6"), Form.Field("Input.Frequency", "PerHalfTerm"),
            Form.Field("Input.MinutesPerSession", "30"), Form.Field("Input.Delivery", "Individual"), Form.Field("Input.DeliveredBy", "Occupational therapist"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await sendco.GetPageAsync($"/pupils/{pupil}/ehcp");
        page.Text.ShouldContain("Riverside Borough Council");
        page.Text.ShouldContain("1 × 45 minutes a week, individual");
        page.Text.ShouldContain("6 × 30 minutes each half term, individual");
        page.Text.ShouldContain("Delivered counts the sessions recorded in SecureBase in that time.");
        var delivered = page.Document.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent).ToList();
        delivered.ShouldBe(["0", "0"], "nothing delivered yet, per discipline");

        var otLink = page.Document.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Occupational therapy", StringComparison.Ordinal) && a.TextContent.StartsWith("Change", StringComparison.Ordinal)).GetAttribute("href")!;
        (await sendco.SubmitAsync(otLink,
        [
            Form.Field("Input.Discipline", "OccupationalTherapy"), Form.Field("Input.Sessions", "4"), Form.Field("Input.Frequency", "PerHalfTerm"),
            Form.Field("Input.MinutesPerSession", "40"), Form.Field("Input.Delivery", "Group"), Form.Field("Input.DeliveredBy", "TA under OT direction"),
        ], "#change-provision")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await sendco.GetPageAsync($"/pupils/{pupil}/ehcp")).Text.ShouldContain("4 × 40 minutes each half term, group");

        (await sendco.SubmitAsync(otLink, [], "#remove-provision")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await sendco.GetPageAsync($"/pupils/{pupil}/ehcp");
        page.Document.QuerySelector(".notice")!.TextContent.ShouldBe("Removed: Occupational therapy, 4 × 40 minutes each half term, group.");
        page.Document.QuerySelector("table")!.TextContent.ShouldNotContain("Occupational therapy");
        (await sendco.GetAsync(otLink)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a removed line is gone");

        var review = await sendco.SubmitAsync($"/pupils/{pupil}/ehcp/review",
            [Form.Field("Input.ReviewedOn", Iso(today)), Form.Field("Input.NextReviewDue", Iso(today.AddMonths(12)))]);
        review.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await sendco.GetPageAsync($"/pupils/{pupil}/ehcp");
        page.Document.QuerySelector(".summary-list")!.TextContent.ShouldContain($"Last annual review{EhcpRules.Long(today)}");

        await using var scope = app.Scope();
        var actions = await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().AuditEntries.AsNoTracking()
            .Where(e => e.UserId == school[Role.Sendco].Id && e.Action.StartsWith("ehcp.")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        actions.ShouldBe(
        [
            EhcpAuditActions.PlanCreated, EhcpAuditActions.ProvisionAdded, EhcpAuditActions.ProvisionAdded,
            EhcpAuditActions.ProvisionChanged, EhcpAuditActions.ProvisionRemoved, EhcpAuditActions.ReviewRecorded,
        ]);
    }

    // plan date, next review, local authority, notes, message
    private static readonly string[][] BadPlans =
    [
        ["", "2027-01-01", "Riverside", "", "Enter plan date"],
        ["2026-02-30", "2027-01-01", "Riverside", "", "Plan date is not in the right form"],
        ["yesterday", "2027-01-01", "Riverside", "", "Plan date is not in the right form"],
        ["2013-01-01", "2027-01-01", "Riverside", "", "The plan date must be on or after 1 September 2014, when EHCPs began"],
        ["2099-01-01", "2100-01-01", "Riverside", "", "The plan date cannot be in the future"],
        ["2025-06-01", "2025-05-01", "Riverside", "", "The next annual review must be after the plan date (1 June 2025)"],
        ["2025-06-01", "2026-06-01", "", "", "Enter local authority"],
        ["2025-06-01", "2026-06-01", new string('L', 101), "", "Local authority must be 100 characters or fewer (it has 101)"],
        ["2025-06-01", "2026-06-01", "Riverside\u202Egnp.exe", "", "Local authority contains a hidden text-direction character"],
        ["2025-06-01", "2026-06-01", "Riverside", "Fine\u0007bell", "Notes contains a control character"],
        ["2025-06-01", "2026-06-01", "Riverside", new string('n', 1001), "Notes must be 1000 characters or fewer (it has 1001)"],
    ];

    // discipline, sessions, frequency, minutes, delivery, delivered by, message
    private static readonly string[][] BadProvision =
    [
        ["", "1", "PerWeek", "45", "Individual", "SaLT", "Choose a discipline from the list"],
        ["Superpowers", "1", "PerWeek", "45", "Individual", "SaLT", "Choose a discipline from the list"],
        ["7", "1", "PerWeek", "45", "Individual", "SaLT", "Choose a discipline from the list"],
        ["SpeechAndLanguage", "", "PerWeek", "45", "Individual", "SaLT", "Enter the number of sessions"],
        ["SpeechAndLanguage", "one", "PerWeek", "45", "Individual", "SaLT", "Sessions is not in the right form"],
        ["SpeechAndLanguage", "1; DROP TABLE pupils", "PerWeek", "45", "Individual", "SaLT", "Sessions is not in the right form"],
        ["SpeechAndLanguage", "11", "PerWeek", "45", "Individual", "SaLT", "Sessions per week must be between 1 and 10"],
        ["SpeechAndLanguage", "0", "PerHalfTerm", "45", "Individual", "SaLT", "Sessions per half term must be between 1 and 60"],
        ["SpeechAndLanguage", "1", "Daily", "45", "Individual", "SaLT", "Choose how often: per week or per half term"],
        ["SpeechAndLanguage", "1", "5", "45", "Individual", "SaLT", "Choose how often: per week or per half term"],
        ["SpeechAndLanguage", "1", "PerWeek", "500", "Individual", "SaLT", "Minutes per session must be between 5 and 240"],
        ["SpeechAndLanguage", "1", "PerWeek", "4.5", "Individual", "SaLT", "Minutes per session is not in the right form"],
        ["SpeechAndLanguage", "1", "PerWeek", "45", "", "SaLT", "Choose individual or group"],
        ["SpeechAndLanguage", "1", "PerWeek", "45", "1", "SaLT", "Choose individual or group"],
        ["SpeechAndLanguage", "1", "PerWeek", "45", "Individual", "", "Enter who delivers it"],
        ["SpeechAndLanguage", "1", "PerWeek", "45", "Individual", "SaLT\u202E", "Who delivers it contains a hidden text-direction character"],
        ["<script>alert(1)</script>", "1", "PerWeek", "45", "Individual", "SaLT", "Choose a discipline from the list"],
    ];

    // One school and one sign-in for every case (each case changes nothing, which is what is checked).
    [Fact]
    public async Task PlansAndProvisionWithBadDetails_SayWhatIsWrong_AndChangeNothing()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var sendco = await school.SignInAsync(Role.Sendco);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var problems = new List<string>();

        foreach (var c in BadPlans)
        {
            var page = await sendco.SubmitAndReadAsync($"/pupils/{school.PupilId}/ehcp/plan",
                [Form.Field("Input.PlanDate", c[0]), Form.Field("Input.NextReviewDue", c[1]), Form.Field("Input.LocalAuthority", c[2]), Form.Field("Input.Notes", c[3])]);
            Expect(page, "plan", c[^1]);
        }

        foreach (var c in BadProvision)
        {
            foreach (var url in new[] { $"/pupils/{school.PupilId}/ehcp/provision/new", $"/pupils/{school.PupilId}/ehcp/provision/{school.Ehcp.ProvisionItemId}" })
            {
                var page = await sendco.SubmitAndReadAsync(url,
                [
                    Form.Field("Input.Discipline", c[0]), Form.Field("Input.Sessions", c[1]), Form.Field("Input.Frequency", c[2]),
                    Form.Field("Input.MinutesPerSession", c[3]), Form.Field("Input.Delivery", c[4]), Form.Field("Input.DeliveredBy", c[5]),
                ]);
                Expect(page, url, c[^1]);
            }
        }

        problems.ShouldBeEmpty();
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);

        void Expect(Page page, string form, string message)
        {
            if (page.Status != HttpStatusCode.OK || !page.Errors.Any(e => e.Contains(message, StringComparison.Ordinal)) || page.Html.Contains("<script>alert(1)", StringComparison.Ordinal))
            {
                problems.Add($"{form}: expected \"{message}\", got {(int)page.Status} with {string.Join(" | ", page.Errors)}");
            }
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherSchoolsProvision_UnderOurPupil_IsNotFound_AndUntouched(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);
        var sendco = await ours.SignInAsync(Role.Sendco);
        var url = $"/pupils/{ours.PupilId}/ehcp/provision/{theirs.Ehcp.ProvisionItemId}";

        (await sendco.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var token = await sendco.TokenFromAsync($"/pupils/{ours.PupilId}/ehcp/plan");
        foreach (var handler in new[] { "", "?handler=Remove" })
        {
            var response = await sendco.PostFormAsync(url + handler,
            [
                Form.Field("__RequestVerificationToken", token), Form.Field("Input.Discipline", "MusicTherapy"), Form.Field("Input.Sessions", "2"),
                Form.Field("Input.Frequency", "PerWeek"), Form.Field("Input.MinutesPerSession", "30"), Form.Field("Input.Delivery", "Group"), Form.Field("Input.DeliveredBy", "Anyone"),
            ]);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);
    }

    [Theory, OnSqlite]
    public async Task APupilWithoutAnEhcp_CannotHaveOneRecorded_AndIsToldWhy(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (pupil, name) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.SenSupport);
        var sendco = await school.SignInAsync(Role.Sendco);
        var message = $"Amara {name} does not have an EHCP in the school's records (their SEN status is SEN support).";

        var form = await sendco.GetPageAsync($"/pupils/{pupil}/ehcp/plan");
        form.Text.ShouldContain(message);
        form.Document.QuerySelector("main form").ShouldBeNull();
        (await sendco.GetPageAsync("/ehcp")).Text.ShouldNotContain(name, customMessage: "the list holds pupils with an EHCP");

        var before = await SchoolSnapshot.TakeAsync(app, school);
        var token = await sendco.TokenFromAsync($"/pupils/{school.PupilId}/ehcp/plan");
        var posted = await sendco.PostFormAsync($"/pupils/{pupil}/ehcp/plan",
        [
            Form.Field("__RequestVerificationToken", token), Form.Field("Input.PlanDate", "2025-06-01"), Form.Field("Input.NextReviewDue", "2026-06-01"),
            Form.Field("Input.LocalAuthority", "Riverside"),
        ]);
        (await TestClient.ReadAsync(posted)).Text.ShouldContain(message);
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite]
    public async Task TheList_FiltersByDisciplineAndOutOfDate_AndSaysWhenAFilterCannotBeRead(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (_, elsaPupil) = await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp, withPlan: true, planDiscipline: Discipline.Elsa);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await EhcpTestData.SetPlanDatesAsync(app, school, today.AddMonths(-8), today.AddDays(-3));
        var sendco = await school.SignInAsync(Role.Sendco);

        var all = await sendco.GetPageAsync("/ehcp");
        all.Text.ShouldContain(school.PupilLastName);
        all.Text.ShouldContain(elsaPupil);

        var elsa = await sendco.GetPageAsync("/ehcp?discipline=Elsa");
        elsa.Text.ShouldContain(elsaPupil);
        elsa.Text.ShouldNotContain(school.PupilLastName);
        elsa.Document.QuerySelector("caption")!.TextContent.ShouldBe("1 pupil with an EHCP specifying ELSA");

        var outOfDate = await sendco.GetPageAsync("/ehcp?outOfDate=true");
        outOfDate.Text.ShouldContain(school.PupilLastName);
        outOfDate.Text.ShouldContain("Review overdue");
        outOfDate.Text.ShouldNotContain(elsaPupil);

        var none = await sendco.GetPageAsync("/ehcp?discipline=MusicTherapy&outOfDate=true");
        none.Text.ShouldContain("No EHCP matches these filters.");

        var garbled = await sendco.GetPageAsync("/ehcp?discipline=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        garbled.Status.ShouldBe(HttpStatusCode.OK);
        garbled.Errors.ShouldContain("Error: Choose a discipline from the list");
        garbled.Html.ShouldNotContain("<script>alert(1)");
        garbled.Text.ShouldContain(elsaPupil, customMessage: "an unreadable filter shows everything, not nothing");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheList_ShowsFiftyPupilsAPage_InNameOrder_WithTheFiltersKeptFromPageToPage(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var elsaPupils = new List<string>();
        for (var i = 0; i < 51; i++)
        {
            elsaPupils.Add((await EhcpTestData.AddPupilAsync(app, school, SenStatus.Ehcp, withPlan: true, planDiscipline: Discipline.Elsa)).LastName);
        }

        var everyone = elsaPupils.Append(school.PupilLastName).ToList();
        var sendco = await school.SignInAsync(Role.Sendco);
        static List<string> Names(Page page) => page.Document.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToList();

        var first = await sendco.GetPageAsync("/ehcp");
        first.Document.QuerySelector("caption")!.TextContent.ShouldBe("52 pupils with an EHCP, 50 on this page");
        first.Document.QuerySelectorAll("tbody tr").Length.ShouldBe(50);
        first.Text.ShouldContain("Page 1 of 2");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href");
        next.ShouldBe("/ehcp?page=2");
        var second = await sendco.GetPageAsync(next!);
        second.Document.QuerySelectorAll("tbody tr").Length.ShouldBe(2);
        second.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href").ShouldBe("/ehcp?page=1");
        var listed = Names(first).Concat(Names(second)).ToList();
        listed.Count.ShouldBe(52);
        listed.Select(n => everyone.Single(last => n.Contains(last, StringComparison.Ordinal))).Distinct().Count().ShouldBe(52, "every pupil once, on one page or the other");
        listed.ShouldBe(listed.OrderBy(n => n.Split(' ')[^1], StringComparer.CurrentCultureIgnoreCase).ToList(), "in order of last name across the pages");
        second.Document.QuerySelectorAll("tbody tr").ShouldAllBe(r => r.TextContent.Contains(" sessions (", StringComparison.Ordinal),
            "specified vs delivered is worked out for the rows of the second page too");

        var elsa = await sendco.GetPageAsync("/ehcp?discipline=Elsa&outOfDate=false");
        elsa.Document.QuerySelector("caption")!.TextContent.ShouldBe("51 pupils with an EHCP specifying ELSA, 50 on this page");
        var elsaNext = elsa.Document.QuerySelector("a[rel=next]")!.GetAttribute("href");
        elsaNext.ShouldBe("/ehcp?discipline=Elsa&page=2");
        var elsaSecond = await sendco.GetPageAsync(elsaNext!);
        elsaSecond.Document.QuerySelectorAll("tbody tr").Length.ShouldBe(1);
        elsaSecond.Text.ShouldNotContain(school.PupilLastName, customMessage: "the filter holds on the second page");

        var pastTheEnd = await sendco.GetPageAsync("/ehcp?page=99");
        pastTheEnd.Text.ShouldContain("Page 2 of 2");
        Names(pastTheEnd).ShouldBe(Names(second));
        (await sendco.GetPageAsync("/ehcp?page=banana")).Document.QuerySelectorAll("tbody tr").Length.ShouldBe(50, "a page that is not a number shows the first");

        var api = await sendco.GetAsync("/api/v1/ehcp");
        var json = await api.Content.ReadAsStringAsync();
        everyone.ShouldAllBe(last => json.Contains(last, StringComparison.Ordinal), "the API's list is not paged: a system reads it whole");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheList_FlagsADisciplineNoOneHereOffers_EvenWhenAnotherSchoolDoes_AndItsHeaderCountsUnreadMessages(DatabaseProvider provider)
    {
        // The list reads whether each discipline is practised, and the header's unread count, in the command that reads its rows.
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await TestSchool.CreateAsync(app); // another school, whose counsellor stays
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sendco = await school.SignInAsync(Role.Sendco);
        static string? Unread(Page page) => page.Document.QuerySelector(".site-header__notifications .count-badge")?.TextContent;

        var before = await sendco.GetPageAsync("/ehcp");
        before.Text.ShouldContain("Up to date");
        before.Text.ShouldNotContain("not offered");
        Unread(before).ShouldBe("(1 unread)");

        await EhcpTestData.InSchoolAsync(app, school, async db =>
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == school.TherapistStaffId)).MarkLeft(DateOnly.FromDateTime(now).AddDays(-1));
            db.Notifications.Add(SecureBase.Notifications.Notification.Create(school.Id, school[Role.Sendco].Id,
                new SecureBase.Notifications.NotificationMessage("A second message", "Read me.", "/", "test:second"), now));
        });

        var after = await sendco.GetPageAsync("/ehcp");
        after.Text.ShouldContain("Counselling not offered", customMessage: "our only counsellor has left; another school's counsellor does not count");
        Unread(after).ShouldBe("(2 unread)");
        var outOfDate = await sendco.GetPageAsync("/ehcp?outOfDate=true");
        outOfDate.Text.ShouldContain(school.PupilLastName);
        Unread(outOfDate).ShouldBe("(2 unread)");
    }

    [Fact]
    public async Task TextStoredInAPlan_IsEncodedWhereverItIsShown()
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var sendco = await school.SignInAsync(Role.Sendco);
        (await sendco.SubmitAsync($"/pupils/{school.PupilId}/ehcp/plan",
        [
            Form.Field("Input.PlanDate", Iso(today.AddMonths(-1))), Form.Field("Input.NextReviewDue", Iso(today.AddMonths(11))),
            Form.Field("Input.LocalAuthority", "<script>alert('la')</script> & Co"), Form.Field("Input.Notes", "<img src=x onerror=alert(1)>"),
        ])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await sendco.GetPageAsync($"/pupils/{school.PupilId}/ehcp");
        page.Html.ShouldNotContain("<script>alert('la')");
        page.Html.ShouldNotContain("<img src=x");
        page.Text.ShouldContain("<script>alert('la')</script> & Co");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
