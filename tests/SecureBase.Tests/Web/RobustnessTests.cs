using System.Net;
using System.Text.RegularExpressions;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>
/// Nothing a browser or an API client can send makes SecureBase fail on its side: a method a page
/// or endpoint does not handle, an empty or malformed form, a malformed JSON body: each answers in
/// the school's words with a 4xx, never a 5xx.
/// </summary>
public sealed class RobustnessTests
{
    // The pages the fuzzing found answering 500 to a POST, each with a role that may open it.
    public static TheoryData<string, Role> ViewOnlyPages => new()
    {
        { "/calendar", Role.Administrator },
        { "/ehcp", Role.Sendco },
        { "/pupils/{pupilId}", Role.HeadOfTherapy },
        { "/pupils/{pupilId}/ehcp", Role.Sendco },
        { "/staff/{staffId}", Role.Administrator },
        { "/admin/users/{userId}", Role.Administrator },
        { "/admin/calendar/years/{yearId}", Role.Administrator },
    };

    [Theory, MemberData(nameof(ViewOnlyPages))]
    public async Task PostingAnEmptyForm_ToAPageThatOnlyShowsThings_AnswersNotAllowedOrUnusable_InPlainWords_NeverAFailure(string pattern, Role role)
    {
        var app = await SharedApps.GetAsync(DatabaseProvider.Sqlite);
        var school = await TestSchool.CreateAsync(app);
        var samples = RouteSamples.For(school);
        var url = Regex.Replace(pattern, "{([a-zA-Z]+)}", m => samples[m.Groups[1].Value]);
        var browser = await school.SignInAsync(role);
        (await browser.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} should be able to open {url}");
        var token = await browser.TokenFromAsync("/account");

        var response = await browser.PostFormAsync(url, [Form.Field("__RequestVerificationToken", token)]);
        var page = await TestClient.ReadAsync(response);

        // 405 where the page handles no POST at all; 400 where it has POST handlers for its own
        // buttons (Disable, Add closure…) and the form named none of them.
        var status = (int)page.Status;
        status.ShouldBeOneOf([405, 400], $"POST {url} as {role}: {page.Title}");
        page.Title.ShouldBe(status == 405 ? "That cannot be done here" : "The request could not be used");
        page.Text.ShouldNotContain("Something went wrong");
        if (status == 405)
        {
            response.Content.Headers.Allow.ShouldContain("GET");
            response.Content.Headers.Allow.ShouldNotContain("POST");
        }
    }
}
