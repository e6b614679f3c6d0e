using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>The pupil form tells the office everything that looks wrong at once, and search finds names however they are typed.</summary>
public sealed class PupilFormTests
{
    private static KeyValuePair<string, string>[] Fields(TestSchool school, string upn, DateOnly dob, int year, string last = "Adeyemi") =>
    [
        Form.Field("Input.Upn", upn), Form.Field("Input.LegalFirstName", "Tobi"), Form.Field("Input.LegalLastName", last),
        Form.Field("Input.DateOfBirth", dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Form.Field("Input.YearGroup", year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Form.Field("Input.SenStatus", "None"), Form.Field("Input.SiteId", school.SiteId.ToString()),
    ];

    /// <summary>1 September of the year a Year <paramref name="year"/> pupil is usually born in, this academic year (England).</summary>
    private static DateOnly UsualFirstBirthday(TestApp app, int year)
    {
        var today = SecureBase.Schools.SchoolTime.London.Today(app.Clock);
        var academicYearStarts = today.Month >= 9 ? today.Year : today.Year - 1;
        return new DateOnly(academicYearStarts - year - 5, 9, 1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAPupil_WithAYearGroupThatDoesNotFitTheBirthDate_WarnsInTheSchoolsWords_AndSavesOnlyWhenConfirmed(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var year7 = UsualFirstBirthday(app, 7);
        var year5 = UsualFirstBirthday(app, 5);
        var upn = PupilFactory.NextUpn().Value;

        var warned = await admin.SubmitAndReadAsync("/pupils/new", Fields(school, upn, year7.AddMonths(3), 5));
        warned.Status.ShouldBe(HttpStatusCode.OK, "not saved yet");
        warned.Errors.ShouldContain(e => e.Contains($"Year 5 pupils are usually born between 1 Sep {year5.Year} and 31 Aug {year5.Year + 1}", StringComparison.Ordinal)
                                         && e.Contains("check the year group or date of birth", StringComparison.Ordinal));
        warned.Document.QuerySelector("#year-group-confirm input[type=checkbox]").ShouldNotBeNull("the office can confirm the year group is right");

        var confirmed = await admin.SubmitAsync("/pupils/new", [.. Fields(school, upn, year7.AddMonths(3), 5), Form.Field("Input.YearGroupConfirmed", "true")]);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a pupil taught out of their year group is saved once confirmed");

        var fits = await admin.SubmitAsync("/pupils/new", Fields(school, PupilFactory.NextUpn().Value, year7.AddMonths(3), 7, last: "Okafor"));
        fits.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a year group that fits is saved without a question");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddingAPupil_WithAWrongCheckLetter_ReportsItWithTheOtherFieldErrorsAtOnce(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);
        var upn = PupilFactory.NextUpn().Value;
        var wrongLetter = (upn[0] == 'A' ? "B" : "A") + upn[1..];

        var page = await admin.SubmitAndReadAsync("/pupils/new", Fields(school, wrongLetter, UsualFirstBirthday(app, 7), 7, last: ""));
        page.Errors.ShouldContain("Error: Enter legal last name");
        page.Errors.ShouldContain(e => e.Contains($"should be {upn[0]}, not {wrongLetter[0]}", StringComparison.Ordinal), "the check letter is reported in the same round");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Search_TypedWithoutApostrophesHyphensOrSpaces_FindsTheName(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await PupilFactory.AddAsync(app, school, 2, i => i == 0
            ? new PupilDetails("Siobhán", "O'Connor", null, null, new DateOnly(2014, 5, 1), 7, "7B", false, SenStatus.None, false, null)
            : new PupilDetails("Anna", "Smith-Jones", null, null, new DateOnly(2014, 5, 1), 7, "7B", false, SenStatus.None, false, null));
        var hot = await school.SignInAsync(Role.HeadOfTherapy);

        foreach (var (term, expected) in new[] { ("oconnor", "Siobhán O'Connor"), ("O Connor", "Siobhán O'Connor"), ("siobhan oconnor", "Siobhán O'Connor"), ("smithjones", "Anna Smith-Jones"), ("smith jones", "Anna Smith-Jones") })
        {
            var page = await TestClient.ReadAsync(await hot.SubmitAsync("/pupils", [Form.Field("Search", term)], "form[aria-label='Find a pupil']"));
            page.Document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldContain(n => n.StartsWith(expected, StringComparison.Ordinal), term);
        }
    }
}
