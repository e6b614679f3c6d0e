using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Schools;

/// <summary>The calendar pages: everyone in the school reads it, the administrator keeps it, bad input changes nothing.</summary>
public sealed class CalendarPageTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheCalendar_ShowsTermsClosuresAndTheTimetable_ToEveryoneInTheSchool_ButNotTheLocalAuthority(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        foreach (var role in new[] { Role.ParentCarer, Role.Pupil, Role.EducationStaff, Role.Administrator })
        {
            var browser = await school.SignInAsync(role);
            var page = await browser.GetPageAsync($"/calendar/{school.Calendar.YearId}");
            page.Status.ShouldBe(HttpStatusCode.OK, role.ToString());
            page.Title.ShouldBe("School calendar 2026/27");
            foreach (var text in new[] { "Autumn term", "Autumn 1", "Tuesday 1 September 2026", "Friday 23 October 2026", "Summer 2", "Wednesday 21 July 2027",
                         "INSET day", "Staff training", "Early May bank holiday", "Monday 3 May 2027", "Period 1", "09:00", "09:55", "Every weekday" })
            {
                page.Text.ShouldContain(text, Case.Sensitive, $"{role} should read {text}");
            }

            page.Document.QuerySelector("button[data-print]").ShouldNotBeNull();
            page.Document.QuerySelectorAll("a[href='/admin/calendar']").Any().ShouldBe(role == Role.Administrator, "only the administrator is offered changes");
            page.Document.QuerySelector("nav a[href='/calendar']")!.TextContent.ShouldBe("Calendar");
            (await browser.GetPageAsync("/calendar")).Title.ShouldBe("School calendar 2026/27", "the only year is the one shown");
        }

        var officer = await school.SignInAsync(Role.LocalAuthorityOfficer);
        (await officer.GetAsync("/calendar")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetAsync("/admin/calendar")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await therapist.GetAsync("/admin/calendar/periods")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAdministrator_AddsAYear_ClosesDaysAndReopensThem_AndChangesTheDates(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        var suggested = await admin.GetPageAsync("/admin/calendar/years/new");
        suggested.Document.QuerySelector("#Input_StartDate")!.GetAttribute("value").ShouldBe("2027-09-01", "the year after the latest is suggested");

        var created = await admin.SubmitAsync("/admin/calendar/years/new", YearFields(Dates2027));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var yearUrl = created.Headers.Location!.OriginalString;
        yearUrl.ShouldStartWith("/admin/calendar/years/");
        (await admin.GetPageAsync(yearUrl)).Text.ShouldContain("The 2027/28 academic year was added");

        (await admin.SubmitAsync(yearUrl, ClosureFields("2027-09-01", "", "InsetDay", "Staff training"), "#add-closure")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(yearUrl, ClosureFields("11/11/2027", "15/11/2027", "OtherClosure", "<script>alert('boiler')</script> & works"), "#add-closure"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var yearPage = await admin.GetPageAsync(yearUrl);
        yearPage.Text.ShouldContain("The school is closed on 3 days, Thursday 11 November to Monday 15 November 2027.");
        var calendar = await admin.GetPageAsync(yearUrl.Replace("/admin/calendar/years/", "/calendar/", StringComparison.Ordinal));
        calendar.Title.ShouldBe("School calendar 2027/28");
        calendar.Text.ShouldContain("Wednesday 1 September 2027");
        calendar.Text.ShouldContain("Friday 12 November 2027");
        calendar.Text.ShouldContain("<script>alert('boiler')</script> & works", Case.Sensitive, "stored as typed");
        calendar.Html.ShouldNotContain("<script>alert('boiler')");

        var removed = await admin.SubmitAsync(yearUrl, [], "form[action*='handler=RemoveClosure']");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(yearUrl)).Text.ShouldContain("The closure on Wednesday 1 September 2027 was removed");

        var dates = await admin.SubmitAsync(yearUrl, YearFields(Dates2027, ("Input.Autumn1Last", "2027-10-21")), "#year-dates");
        dates.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(yearUrl)).Document.QuerySelector("#Input_Autumn1Last")!.GetAttribute("value").ShouldBe("2027-10-21");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var year = await db.AcademicYears.Include(y => y.HalfTerms).Include(y => y.Closures).SingleAsync(y => y.StartDate == D(2027, 9, 1));
        year.HalfTermNamed(HalfTermName.Autumn1).LastDay.ShouldBe(D(2027, 10, 21));
        year.Closures.Select(c => c.Date).ShouldBe([D(2027, 11, 11), D(2027, 11, 12), D(2027, 11, 15)]);
        var audited = await db.AuditEntries.Where(e => e.UserId == school[Role.Administrator].Id && e.Action.StartsWith("calendar.")).Select(e => e.Action).ToListAsync();
        audited.Order().ShouldBe(["calendar.closure-added", "calendar.closure-added", "calendar.closure-added", "calendar.closure-added", "calendar.closure-removed", "calendar.year-added", "calendar.year-changed"]);

        var deleted = await admin.SubmitAsync(yearUrl, [], "form[action*='handler=Delete']");
        deleted.Headers.Location!.OriginalString.ShouldBe("/admin/calendar");
        (await admin.GetAsync(yearUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await db.ClosureDays.AsNoTracking().CountAsync()).ShouldBe(2, "only 2026/27's closures are left");
    }

    private static readonly (string Overrides, string Message)[] BadYears =
    [
        // overrides (field=value|…), the message shown
        ("Input.EndDate=2027-08-01", "The last day of the academic year must be after its first day (Wednesday 1 September 2027)"),
        ("Input.Autumn2First=2027-10-20", "Autumn 2 must start after Autumn 1 ends (Friday 22 October 2027)"),
        ("Input.StartDate=2027-08-01|Input.EndDate=2028-07-31", "These dates overlap the 2026/27 academic year"),
        ("Input.Summer2Last=2028-09-04", "Summer 2 must end within the academic year"),
        ("Input.Autumn1First=31/02/2027", "The first day of Autumn 1 must be a real date"),
        ("Input.Autumn1First=<script>alert(1)</script>", "The first day of Autumn 1 must be a real date"),
        ("Input.Autumn1First=1 Sep 2027'; DROP TABLE x;--", "The first day of Autumn 1 must be a real date"),
        ("Input.Autumn1First=2027-09-01\u202E", "The first day of Autumn 1 contains a hidden text-direction character"),
        ("Input.Autumn1First=", "Enter the first day of Autumn 1"),
        ("Input.Spring2Last=11111111111111111111111111111111111111111", "The last day of Spring 2 must be 40 characters or fewer"),
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAYear_WithBadDates_SaysWhatIsWrong_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var problems = new List<string>();

        foreach (var (overrides, message) in BadYears)
        {
            var changes = overrides.Split('|').Select(o => o.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
            var page = await admin.SubmitAndReadAsync("/admin/calendar/years/new", YearFields(Dates2027, changes));
            if (page.Status != HttpStatusCode.OK || !page.Errors.Any(e => e.Contains(message, StringComparison.Ordinal)) || page.Html.Contains("<script>alert", StringComparison.Ordinal))
            {
                problems.Add($"{overrides}: {(int)page.Status}, errors shown: {string.Join(" | ", page.Errors)}; expected {message}");
            }
        }

        problems.ShouldBeEmpty();
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    private static readonly (string First, string Last, string Kind, string Description, string Message)[] BadClosures =
    [
        ("2026-09-05", "", "InsetDay", "Staff training", "Saturday 5 September 2026 is a Saturday"),
        ("2026-10-28", "", "InsetDay", "Staff training", "Wednesday 28 October 2026 is not in term time (it is in the holiday between Autumn 1 and Autumn 2)"),
        ("2026-09-01", "", "InsetDay", "Staff training", "There is already a closure on Tuesday 1 September 2026 (Staff training)"),
        ("2027-09-06", "", "InsetDay", "Staff training", "Monday 6 September 2027 is not in the 2026/27 academic year"),
        ("2026-10-19", "2026-10-16", "OtherClosure", "Works", "The last day of the closure must be on or after its first day (Monday 19 October 2026)"),
        ("2026-10-19", "2026-10-30", "OtherClosure", "Works", "Monday 26 October 2026 is not in term time"),
        ("yesterday", "", "InsetDay", "Staff training", "The first day of the closure must be a real date"),
        ("2026-10-19", "", "Holiday'--", "Staff training", "Choose the kind of closure from the list"),
        ("2026-10-19", "", "1", "Staff training", "Choose the kind of closure from the list"),
        ("2026-10-19", "", "InsetDay", "", "Enter the description"),
        ("2026-10-19", "", "InsetDay", "Staff\u202Etraining", "The description contains a hidden text-direction character"),
        ("2026-10-19", "", "InsetDay", new string('x', 101), "The description must be 100 characters or fewer"),
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAClosure_ThatCannotBe_SaysWhatIsWrong_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var problems = new List<string>();

        foreach (var (first, last, kind, description, message) in BadClosures)
        {
            var page = await admin.SubmitAndReadAsync($"/admin/calendar/years/{school.Calendar.YearId}", ClosureFields(first, last, kind, description), "#add-closure");
            if (page.Status != HttpStatusCode.OK || !page.Errors.Any(e => e.Contains(message, StringComparison.Ordinal)))
            {
                problems.Add($"{first}–{last} {kind} {description}: {(int)page.Status}, errors shown: {string.Join(" | ", page.Errors)}; expected {message}");
            }
        }

        problems.ShouldBeEmpty();
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ChangingDates_SoAClosureLeavesTerm_OrSoHalfTermsOverlap_IsRefused_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, school);
        var url = $"/admin/calendar/years/{school.Calendar.YearId}";

        var page = await admin.SubmitAndReadAsync(url, YearFields(Dates2026, ("Input.Summer1First", "2027-05-04")), "#year-dates");
        page.Errors.ShouldContain("The closure on Monday 3 May 2027 (Early May bank holiday) would no longer be in term; remove it first, or keep that day inside a half term");
        var overlap = await admin.SubmitAndReadAsync(url, YearFields(Dates2026, ("Input.Spring1First", "2026-12-14")), "#year-dates");
        overlap.Errors.ShouldContain("Error: Spring 1 must start after Autumn 2 ends (Friday 18 December 2026)");
        overlap.Document.QuerySelector("#Input_Spring1First")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task LessonPeriods_AreAddedChangedAndRemoved_AndOverlapsAreRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        var added = await admin.SubmitAsync("/admin/calendar/periods", PeriodFields("Period 2", "", "09:55", "10:50", teaching: true));
        added.Headers.Location!.OriginalString.ShouldBe("/admin/calendar/periods");
        (await admin.GetPageAsync("/admin/calendar/periods")).Text.ShouldContain("Period 2 (every weekday, 09:55–10:50) was added.");

        var before = await SchoolSnapshot.TakeAsync(app, school);
        foreach (var (fields, message) in new[]
                 {
                     (PeriodFields("Break", "", "10:40", "11:00", teaching: false), "Break (10:40–11:00) overlaps Period 2 (09:55–10:50) on every weekday; periods on the same day cannot overlap"),
                     (PeriodFields("Period 3", "Friday", "09:30", "10:00", teaching: true), "Period 3 (09:30–10:00) overlaps Period 1 (09:00–09:55) on Friday"),
                     (PeriodFields("Period 3", "", "11:00", "10:00", teaching: true), "The period must end after it starts (11:00)"),
                     (PeriodFields("Period 3", "", "25:00", "10:00", teaching: true), "The start time must be a time of day, for example 09:00 or 13:45"),
                     (PeriodFields("Period 3", "Saturday", "11:00", "12:00", teaching: true), "Choose a weekday, Monday to Friday, or every weekday"),
                     (PeriodFields("", "", "11:00", "12:00", teaching: true), "Enter the name of the period"),
                     (PeriodFields("Period\u202E3", "", "11:00", "12:00", teaching: true), "The name of the period contains a hidden text-direction character"),
                 })
        {
            var page = await admin.SubmitAndReadAsync("/admin/calendar/periods", fields);
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Errors.ShouldContain(e => e.Contains(message, StringComparison.Ordinal), $"errors shown: {string.Join(" | ", page.Errors)}");
        }

        (await SchoolSnapshot.TakeAsync(app, school)).ShouldBe(before);

        var editUrl = $"/admin/calendar/periods/{school.Calendar.PeriodId}";
        (await admin.GetPageAsync(editUrl)).Document.QuerySelector("#Input_Start")!.GetAttribute("value").ShouldBe("09:00");
        var changed = await admin.SubmitAsync(editUrl, PeriodFields("Period 1", "", "08:50", "09:50", teaching: true), "#period-form");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var timetable = await admin.GetPageAsync("/calendar");
        timetable.Text.ShouldContain("08:50");
        timetable.Text.ShouldNotContain("09:00");

        var removed = await admin.SubmitAsync(editUrl, [], "form[action*='handler=Remove']");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync(editUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetPageAsync("/admin/calendar/periods")).Document.QuerySelectorAll("tbody th").Select(th => th.TextContent).ShouldBe(["Period 2"]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherSchoolsCalendar_IsNotFound_AndCannotBeChangedThroughOurs(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var admin = await ours.SignInAsync(Role.Administrator);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);

        (await admin.GetAsync($"/calendar/{theirs.Calendar.YearId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/admin/calendar/years/{theirs.Calendar.YearId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/admin/calendar/periods/{theirs.Calendar.PeriodId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Our year, their closure: not found in our year.
        var token = await admin.TokenFromAsync("/account");
        var response = await admin.PostFormAsync($"/admin/calendar/years/{ours.Calendar.YearId}?handler=RemoveClosure",
            [Form.Field("__RequestVerificationToken", token), Form.Field("closureId", theirs.Calendar.ClosureId.ToString())]);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Each school keeps its own dates: a change to ours leaves theirs as it was.
        (await admin.SubmitAsync($"/admin/calendar/years/{ours.Calendar.YearId}", YearFields(Dates2026, ("Input.Autumn2First", "2026-11-03")), "#year-dates"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);
        var theirAdmin = await theirs.SignInAsync(Role.Administrator);
        (await theirAdmin.GetPageAsync("/calendar")).Text.ShouldContain("Monday 2 November 2026");
        (await admin.GetPageAsync("/calendar")).Text.ShouldContain("Tuesday 3 November 2026");
    }

    internal static KeyValuePair<string, string>[] YearFields(AcademicYearDates dates, params (string Field, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.StartDate"] = Iso(dates.StartDate),
            ["Input.EndDate"] = Iso(dates.EndDate),
        };
        foreach (var (name, range) in dates.HalfTerms)
        {
            fields[$"Input.{name}First"] = Iso(range.FirstDay);
            fields[$"Input.{name}Last"] = Iso(range.LastDay);
        }

        foreach (var (field, value) in overrides)
        {
            fields[field] = value;
        }

        return fields.ToArray();
    }

    private static KeyValuePair<string, string>[] ClosureFields(string first, string last, string kind, string description) =>
    [
        Form.Field("Closure.FirstDay", first), Form.Field("Closure.LastDay", last), Form.Field("Closure.Kind", kind), Form.Field("Closure.Description", description),
    ];

    private static KeyValuePair<string, string>[] PeriodFields(string name, string day, string start, string end, bool teaching) =>
    [
        Form.Field("Input.Name", name), Form.Field("Input.Day", day), Form.Field("Input.Start", start), Form.Field("Input.End", end),
        Form.Field("Input.IsTeaching", teaching ? "true" : "false"),
    ];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", SchoolDates.English);
}
