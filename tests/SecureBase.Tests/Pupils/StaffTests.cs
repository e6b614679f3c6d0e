using System.Net;
using System.Net.Http.Json;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

public sealed class StaffTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Registration_MustFitTheDiscipline(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        KeyValuePair<string, string>[] Staff(string code, string discipline, string body, string number = "", string renewal = "") =>
        [
            Form.Field("Input.StaffCode", code), Form.Field("Input.FirstName", "Eilidh"), Form.Field("Input.LastName", "MacLeod"),
            Form.Field("Input.Discipline", discipline), Form.Field("Input.RegistrationBody", body), Form.Field("Input.RegistrationNumber", number),
            Form.Field("Input.RegistrationRenewal", renewal), Form.Field("Input.CaseloadCapacity", "25"),
        ];

        (await hot.SubmitAndReadAsync("/staff/new", Staff("SLT2", "SpeechAndLanguage", "None"))).Errors
            .ShouldContain("Error: Speech and language therapists must be registered with the HCPC to practise");
        (await hot.SubmitAndReadAsync("/staff/new", Staff("SLT2", "SpeechAndLanguage", "Hcpc", "12345", "2027-01-01"))).Errors
            .ShouldContain(e => e.Contains("profession's letters then digits", StringComparison.Ordinal));
        (await hot.SubmitAndReadAsync("/staff/new", Staff("SLT2", "SpeechAndLanguage", "Hcpc", "SL123456"))).Errors
            .ShouldContain(e => e.Contains("due for renewal", StringComparison.Ordinal));
        (await hot.SubmitAsync("/staff/new", Staff("SLT2", "SpeechAndLanguage", "Hcpc", "sl123456", "2027-01-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await hot.SubmitAsync("/staff/new", Staff("CNS2", "Counselling", "Bacp", "BACP-991"))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "counsellors are not HCPC-registered");
        (await hot.SubmitAsync("/staff/new", Staff("ELS2", "Elsa", "None"))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "ELSAs are not on a register");
        (await hot.SubmitAndReadAsync("/staff/new", Staff("SLT2", "Elsa", "None"))).Errors.ShouldContain(e => e.Contains("already used", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheWorkingPattern_IsSavedBySite_AndOverlapsAreRefused(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var url = $"/staff/{school.TherapistStaffId}/edit";
        var site = school.SiteId.ToString();
        var overlap = await hot.SubmitAndReadAsync(url,
        [
            Form.Field("Input.WorkingPattern[2].Start", "08:45"), Form.Field("Input.WorkingPattern[2].End", "12:00"), Form.Field("Input.WorkingPattern[2].SiteId", site),
            Form.Field("Input.WorkingPattern[3].Start", "11:30"), Form.Field("Input.WorkingPattern[3].End", "15:30"), Form.Field("Input.WorkingPattern[3].SiteId", site),
        ]);
        overlap.Errors.ShouldContain(e => e.Contains("two working times overlap", StringComparison.Ordinal));
        var noSite = await hot.SubmitAndReadAsync(url, [Form.Field("Input.WorkingPattern[0].Start", "09:00"), Form.Field("Input.WorkingPattern[0].End", "15:00")]);
        noSite.Errors.ShouldContain("Error: Choose the site they work at on Monday");

        var saved = await hot.SubmitAsync(url,
        [
            Form.Field("Input.WorkingPattern[2].Start", "08:45"), Form.Field("Input.WorkingPattern[2].End", "12:00"), Form.Field("Input.WorkingPattern[2].SiteId", site),
            Form.Field("Input.WorkingPattern[6].Start", "09:00"), Form.Field("Input.WorkingPattern[6].End", "15:30"), Form.Field("Input.WorkingPattern[6].SiteId", site),
        ]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var record = await hot.GetPageAsync($"/staff/{school.TherapistStaffId}");
        var rows = record.Document.QuerySelectorAll("#working-pattern tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldContain("Tuesday");
        rows[0].ShouldContain("08:45–12:00");
        rows[1].ShouldContain("Thursday");
        record.Document.QuerySelector("#caseload")!.TextContent.ShouldBe("1 of 20 pupils");

        var dto = (await hot.Http.GetFromJsonAsync<StaffDto>($"/api/v1/staff/{school.TherapistStaffId}", Json.Options))!;
        dto.WorkingPattern.Select(w => w.Day).ShouldBe([DayOfWeek.Tuesday, DayOfWeek.Thursday]);
        dto.Caseload.ShouldBe(1);
    }

    [Theory, OnSqlite]
    public async Task TheStaffList_FiltersByDiscipline_AndWarnsOfARegistrationAboutToLapse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var soon = Schools.SchoolTimeToday(app).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await admin.Http.PostAsJsonAsync("/api/v1/staff", new
        {
            staffCode = "OT9", firstName = "Rhiannon", lastName = "Pugh", discipline = "OccupationalTherapy", registrationBody = "Hcpc", registrationNumber = "OT123456", registrationRenewal = soon, caseloadCapacity = 30,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var list = await admin.GetPageAsync("/staff?discipline=OccupationalTherapy");
        var row = list.Document.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        row.TextContent.ShouldContain("Rhiannon Pugh");
        row.TextContent.ShouldContain("Renew by");
        (await admin.GetPageAsync("/staff?team=true")).Document.QuerySelectorAll("tbody tr").Length.ShouldBe(3, "the counsellor, the ELSA and the new OT");

        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

internal static class Schools
{
    public static DateOnly SchoolTimeToday(TestApp app) => SecureBase.Schools.SchoolTime.London.Today(app.Clock);
}
