using System.Net;
using System.Net.Http.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Schools.CalendarTestData;

namespace SecureBase.Tests.Schools;

/// <summary>The calendar over the API: read by everyone in the school, kept by the administrator, validated like the forms.</summary>
public sealed class CalendarApiTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task GetCalendar_GivesTheYearsHalfTermsClosuresAndLessonPeriods(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var parent = await school.SignInAsync(Role.ParentCarer);

        var calendar = (await parent.GetJsonAsync<CalendarDto>("/api/v1/calendar"))!;
        calendar.TimeZone.ShouldBe("Europe/London");
        var year = calendar.Years.Single();
        (year.Id, year.Name, year.StartDate, year.EndDate).ShouldBe((school.Calendar.YearId, "2026/27", D(2026, 9, 1), D(2027, 8, 31)));
        year.Terms.Select(t => t.Name).ShouldBe(["Autumn term", "Spring term", "Summer term"]);
        year.HalfTerms.Select(h => h.HalfTerm).ShouldBe(Enum.GetValues<HalfTermName>());
        var autumn1 = year.HalfTerms[0];
        (autumn1.Name, autumn1.FirstDay, autumn1.LastDay, autumn1.SchoolWeeks, autumn1.SchoolDays).ShouldBe(("Autumn 1", D(2026, 9, 1), D(2026, 10, 23), 8, 38));
        year.Closures.Select(c => (c.Date, c.Kind, c.KindName, c.Description)).ShouldBe(
        [
            (D(2026, 9, 1), ClosureKind.InsetDay, "INSET day", "Staff training"),
            (D(2027, 5, 3), ClosureKind.BankHoliday, "Bank holiday", "Early May bank holiday"),
        ]);
        calendar.LessonPeriods.Single().ShouldBe(new LessonPeriodDto(school.Calendar.PeriodId, "Period 1", null, new TimeOnly(9, 0), new TimeOnly(9, 55), true));

        var officer = await school.SignInAsync(Role.LocalAuthorityOfficer);
        (await officer.GetAsync("/api/v1/calendar")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task GetDay_SaysWhichHalfTermAndSchoolWeekADateIsIn(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);

        var inTerm = (await pupil.GetJsonAsync<CalendarDayDto>("/api/v1/calendar/on?date=2026-10-20"))!;
        (inTerm.DayOfWeek, inTerm.IsSchoolDay, inTerm.AcademicYear, inTerm.HalfTerm, inTerm.HalfTermName).ShouldBe((DayOfWeek.Tuesday, true, "2026/27", HalfTermName.Autumn1, "Autumn 1"));
        (inTerm.SchoolWeek!.Monday, inTerm.SchoolWeek.Friday, inTerm.SchoolWeek.WeekOfHalfTerm, inTerm.SchoolWeek.WeekOfYear).ShouldBe((D(2026, 10, 19), D(2026, 10, 23), 8, 8));

        var halfTerm = (await pupil.GetJsonAsync<CalendarDayDto>("/api/v1/calendar/on?date=2026-10-28"))!;
        halfTerm.HalfTerm.ShouldBeNull();
        halfTerm.SchoolWeek.ShouldBeNull();
        halfTerm.NextSchoolDay.ShouldBe(D(2026, 11, 2));

        var inset = (await pupil.GetJsonAsync<CalendarDayDto>("/api/v1/calendar/on?date=2026-09-01"))!;
        (inset.IsSchoolDay, inset.Closure!.Kind, inset.SchoolWeek!.SchoolDays.Count).ShouldBe((false, ClosureKind.InsetDay, 3));

        (await pupil.GetAsync("/api/v1/calendar/on")).StatusCode.ShouldBe(HttpStatusCode.OK, "no date is today");
        var bad = await pupil.GetAsync("/api/v1/calendar/on?date=31%2F02%2F2027");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await bad.Content.ReadAsStringAsync())["date"].ShouldBe(["The date must be a real date, written like 2026-10-20"]);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAdministrator_KeepsTheCalendarOverTheApi_WithTheFormsRules(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = (await school.SignInAsync(Role.Administrator)).Http;

        var created = await admin.PostAsJsonAsync("/api/v1/calendar/years", YearBody(Dates2027));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var year = (await created.Content.ReadFromJsonAsync<AcademicYearDto>(Json.Options))!;
        year.Name.ShouldBe("2027/28");
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/calendar/years/{year.Id}");

        var overlapping = await admin.PostAsJsonAsync("/api/v1/calendar/years", YearBody(Dates2027, ("autumn2First", "2027-10-20")));
        overlapping.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await overlapping.Content.ReadAsStringAsync())["startDate"].ShouldContain(m => m.Contains("overlap the 2027/28 academic year", StringComparison.Ordinal));
        var reversed = await admin.PutAsJsonAsync($"/api/v1/calendar/years/{year.Id}", YearBody(Dates2027, ("autumn2First", "2027-10-20")));
        Json.Errors(await reversed.Content.ReadAsStringAsync())["autumn2First"].ShouldBe(["Autumn 2 must start after Autumn 1 ends (Friday 22 October 2027)"]);
        var missing = await admin.PutAsJsonAsync($"/api/v1/calendar/years/{year.Id}", YearBody(Dates2027, ("summer2Last", null)));
        Json.Errors(await missing.Content.ReadAsStringAsync())["summer2Last"].ShouldBe(["Enter the last day of Summer 2"]);
        var wrongType = await admin.PutAsync(new Uri($"/api/v1/calendar/years/{year.Id}", UriKind.Relative),
            new StringContent("{\"startDate\": 20270901}", System.Text.Encoding.UTF8, "application/json"));
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Json.Errors(await wrongType.Content.ReadAsStringAsync()).Keys.ShouldBe(["startDate"]);
        var notJson = await admin.PostAsync(new Uri("/api/v1/calendar/years", UriKind.Relative), new FormUrlEncodedContent([Form.Field("startDate", "2027-09-01")]));
        notJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        var moved = await admin.PutAsJsonAsync($"/api/v1/calendar/years/{year.Id}", YearBody(Dates2027, ("autumn1Last", "2027-10-21")));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await moved.Content.ReadFromJsonAsync<AcademicYearDto>(Json.Options))!.HalfTerms[0].LastDay.ShouldBe(D(2027, 10, 21));

        var closures = await admin.PostAsJsonAsync($"/api/v1/calendar/years/{year.Id}/closures",
            new { firstDay = "2027-11-11", lastDay = "2027-11-15", kind = "OtherClosure", description = "Boiler replacement" });
        closures.StatusCode.ShouldBe(HttpStatusCode.Created);
        var added = (await closures.Content.ReadFromJsonAsync<List<ClosureDayDto>>(Json.Options))!;
        added.Select(c => c.Date).ShouldBe([D(2027, 11, 11), D(2027, 11, 12), D(2027, 11, 15)]);
        var twice = await admin.PostAsJsonAsync($"/api/v1/calendar/years/{year.Id}/closures", new { firstDay = "2027-11-12", kind = "InsetDay", description = "Training" });
        Json.Errors(await twice.Content.ReadAsStringAsync())["firstDay"].ShouldBe(["There is already a closure on Friday 12 November 2027 (Boiler replacement)"]);
        var badKind = await admin.PostAsJsonAsync($"/api/v1/calendar/years/{year.Id}/closures", new { firstDay = "2027-11-18", kind = "Snow", description = "<b>Snow</b>" });
        Json.Errors(await badKind.Content.ReadAsStringAsync())["kind"].ShouldBe(["Choose the kind of closure from the list"]);
        (await admin.DeleteAsync($"/api/v1/calendar/years/{year.Id}/closures/{added[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.DeleteAsync($"/api/v1/calendar/years/{year.Id}/closures/{added[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/calendar/years/{year.Id}/closures/{school.Calendar.ClosureId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "that closure is in 2026/27");

        var period = await admin.PostAsJsonAsync("/api/v1/calendar/periods", new { name = "Period 2", start = "09:55", end = "10:50", isTeaching = true });
        period.StatusCode.ShouldBe(HttpStatusCode.Created);
        var period2 = (await period.Content.ReadFromJsonAsync<LessonPeriodDto>(Json.Options))!;
        var overlap = await admin.PostAsJsonAsync("/api/v1/calendar/periods", new { name = "Break", day = "Monday", start = "10:30", end = "10:50", isTeaching = false });
        Json.Errors(await overlap.Content.ReadAsStringAsync())["start"].ShouldBe(["Break (10:30–10:50) overlaps Period 2 (09:55–10:50) on Monday; periods on the same day cannot overlap"]);
        var changed = await admin.PutAsJsonAsync($"/api/v1/calendar/periods/{period2.Id}", new { name = "Period 2", day = "Friday", start = "10:00", end = "10:45", isTeaching = true });
        (await changed.Content.ReadFromJsonAsync<LessonPeriodDto>(Json.Options))!.ShouldBe(period2 with { Day = DayOfWeek.Friday, Start = new TimeOnly(10, 0), End = new TimeOnly(10, 45) });
        (await admin.DeleteAsync($"/api/v1/calendar/periods/{period2.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var calendar = (await admin.GetFromJsonAsync<CalendarDto>("/api/v1/calendar", Json.Options))!;
        calendar.Years.Select(y => (y.Name, y.Closures.Count)).ShouldBe([("2026/27", 2), ("2027/28", 2)]);
        calendar.LessonPeriods.Select(p => p.Name).ShouldBe(["Period 1"]);

        var teacher = (await school.SignInAsync(Role.EducationStaff)).Http;
        (await teacher.PostAsJsonAsync("/api/v1/calendar/periods", new { name = "Period 9", start = "16:00", end = "17:00" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.DeleteAsync($"/api/v1/calendar/periods/{school.Calendar.PeriodId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AnotherSchoolsCalendar_IsNotFound_OverTheApi_AndStaysAsItWas(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);
        var admin = (await ours.SignInAsync(Role.Administrator)).Http;

        (await admin.PutAsJsonAsync($"/api/v1/calendar/years/{theirs.Calendar.YearId}", YearBody(Dates2026))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsJsonAsync($"/api/v1/calendar/years/{theirs.Calendar.YearId}/closures", new { firstDay = "2026-10-19", kind = "InsetDay", description = "Training" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/calendar/years/{theirs.Calendar.YearId}/closures/{theirs.Calendar.ClosureId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/calendar/years/{ours.Calendar.YearId}/closures/{theirs.Calendar.ClosureId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync($"/api/v1/calendar/periods/{theirs.Calendar.PeriodId}", new { name = "Mine now", start = "09:00", end = "10:00" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"/api/v1/calendar/periods/{theirs.Calendar.PeriodId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mine = (await admin.GetFromJsonAsync<CalendarDto>("/api/v1/calendar", Json.Options))!;
        mine.Years.Single().Id.ShouldBe(ours.Calendar.YearId);
        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);
    }

    private static Dictionary<string, string?> YearBody(AcademicYearDates dates, params (string Field, string? Value)[] overrides)
    {
        var body = new Dictionary<string, string?>
        {
            ["startDate"] = Iso(dates.StartDate),
            ["endDate"] = Iso(dates.EndDate),
        };
        foreach (var (name, range) in dates.HalfTerms)
        {
            var key = char.ToLowerInvariant(name.ToString()[0]) + name.ToString()[1..];
            body[key + "First"] = Iso(range.FirstDay);
            body[key + "Last"] = Iso(range.LastDay);
        }

        foreach (var (field, value) in overrides)
        {
            body[field] = value;
        }

        return body;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", SchoolDates.English);
}
