using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>The four routes into the therapy service, and who may refer whom.</summary>
public sealed class ReferralRoutesTests
{
    private static KeyValuePair<string, string>[] StaffForm(string details = "Withdrawn in lessons since October; tearful at lunch.") =>
    [
        Form.Field("Input.Reasons", "EmotionalWellbeing"), Form.Field("Input.Reasons", "HomeCircumstances"),
        Form.Field("Input.Details", details), Form.Field("Input.Urgency", "Soon"), Form.Field("Input.ConsentGiven", "true"),
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task ATeachersReferral_GoesToTheHeadOfTherapy_AndTheTeacherSeesOnlyItsStatus(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var sent = await teacher.SubmitAsync($"/referrals/new?pupilId={school.PupilId}", StaffForm());
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.OriginalString.ShouldBe("/referrals/mine");

        var mine = await teacher.GetPageAsync("/referrals/mine");
        mine.Document.QuerySelector("#my-referrals")!.TextContent.ShouldContain("Received");
        (await teacher.GetAsync("/referrals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a referrer sees their own referrals only");
        (await teacher.GetAsync($"/pupils/{school.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var triage = await hot.GetPageAsync("/referrals");
        triage.Document.QuerySelectorAll("#referrals tbody tr").Length.ShouldBe(2, "the test school's own referral and this one");
        (await Notes.ForAsync(app, school, school[Role.HeadOfTherapy].Id)).ShouldContain(n => n.Title.StartsWith("New referral: Jamal", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AParent_RefersTheirOwnChild_ButNotAChildTheyAreNotLinkedTo(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var stranger = (await PupilFactory.AddAsync(app, school, 1))[0];
        var parent = await school.SignInAsync(Role.ParentCarer);
        var before = await CountAsync(app, school);

        var form = await parent.GetPageAsync("/referrals/new");
        form.Text.ShouldContain($"Referral for Jamal {school.PupilLastName}", customMessage: "an only child is chosen for the parent");
        var refused = await parent.SubmitAndReadAsync("/referrals/new", [Form.Field("Input.PupilId", stranger.Id.ToString()), .. StaffForm()]);
        refused.Errors.ShouldContain(e => e.Contains("You can only refer a child you are linked to", StringComparison.Ordinal));
        (await CountAsync(app, school)).ShouldBe(before);

        var byApi = await parent.Http.PostAsJsonAsync("/api/v1/referrals", new { pupilId = stranger.Id.Value, reasons = new[] { "EmotionalWellbeing" }, details = "x" });
        byApi.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountAsync(app, school)).ShouldBe(before);

        (await parent.SubmitAsync("/referrals/new", StaffForm())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(app, school)).ShouldBe(before + 1);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupil_AsksForHelpForThemself_AndCannotReferSomeoneElse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var friend = (await PupilFactory.AddAsync(app, school, 1))[0];
        var pupil = await school.SignInAsync(Role.Pupil);
        var page = await pupil.GetPageAsync("/ask-for-help");
        page.Document.QuerySelectorAll(".big-choice").Length.ShouldBeGreaterThan(6);

        var nothing = await pupil.SubmitAndReadAsync("/ask-for-help", [Form.Field("Input.Urgency", "Soon")]);
        nothing.Errors.ShouldContain("Error: Choose at least one thing that is happening");

        var sent = await pupil.SubmitAndReadAsync("/ask-for-help", [Form.Field("Input.Reasons", "EmotionalWellbeing"), Form.Field("Input.SafeguardingWorry", "true")]);
        sent.Title.ShouldBe("Thank you for telling us");
        sent.Text.ShouldContain("call 999");

        // The pupil's route is the page, which always refers the pupil themself; the API is not theirs.
        var forFriend = await pupil.Http.PostAsJsonAsync("/api/v1/referrals", new { pupilId = friend.Id.Value, reasons = new[] { "EmotionalWellbeing" } });
        forFriend.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pupil.SubmitAndReadAsync("/ask-for-help", [Form.Field("Input.PupilId", friend.Id.ToString()), Form.Field("Input.Reasons", "Other")])).Title.ShouldBe("Thank you for telling us");

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var made = await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.Where(r => r.Source == ReferralSource.Pupil).ToListAsync();
        made.Count.ShouldBe(2);
        made.ShouldAllBe(r => r.PupilId == school.PupilId, "a pupil's request is always about themself");
        made.Count(r => r.SafeguardingWorry).ShouldBe(1);
        var dslNotes = await Notes.ForAsync(app, school, school[Role.Dsl].Id);
        var alert = dslNotes.ShouldHaveSingleItem();
        alert.Title.ShouldStartWith("Safeguarding concern", customMessage: "the pupil's worry reached the DSL as a safeguarding concern");
        alert.Body.ShouldNotContain("EmotionalWellbeing");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheLocalAuthority_RefersByUpnThroughTheApi_AndARetryMakesNoSecondReferral(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var officer = await school.SignInAsync(Role.LocalAuthorityOfficer);
        var before = await CountAsync(app, school);
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative))
            {
                Content = JsonContent.Create(new { upn = "R201100018042", reasons = new[] { "EhcpRequirement" }, details = "Annual review asks for SaLT input.", urgency = "Routine", consentGiven = true }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await officer.Http.SendAsync(request);
        }

        // The authority is told "received" (202), never which pupil it matched.
        var first = await SendAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var again = await SendAsync();
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await CountAsync(app, school)).ShouldBe(before + 1);

        var unknown = await officer.Http.PostAsJsonAsync("/api/v1/referrals", new { upn = "A201100018042", reasons = new[] { "Other" } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("should be R");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AReferralForAnotherSchoolsPupil_IsRefused_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var ours = await TestSchool.CreateAsync(app);
        var theirs = await TestSchool.CreateAsync(app);
        var before = await SchoolSnapshot.TakeAsync(app, theirs);
        var teacher = await ours.SignInAsync(Role.EducationStaff);
        (await teacher.GetAsync($"/referrals/new?pupilId={theirs.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var posted = await teacher.SubmitAndReadAsync($"/referrals/new?pupilId={ours.PupilId}", [Form.Field("Input.PupilId", theirs.PupilId.ToString()), .. StaffForm()]);
        posted.Errors.ShouldContain(e => e.Contains("That pupil was not found in this school", StringComparison.Ordinal));
        var api = await teacher.Http.PostAsJsonAsync("/api/v1/referrals", new { pupilId = theirs.PupilId.Value, reasons = new[] { "Communication" }, details = "x" });
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SchoolSnapshot.TakeAsync(app, theirs)).ShouldBe(before);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SubmittingTheSameFormTwice_MakesOneReferral(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var page = await teacher.GetPageAsync($"/referrals/new?pupilId={school.PupilId}");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var key = page.Document.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        KeyValuePair<string, string>[] form = [Form.Field("__RequestVerificationToken", token), Form.Field("Input.SubmissionKey", key), Form.Field("Input.PupilId", school.PupilId.ToString()), .. StaffForm()];
        var before = await CountAsync(app, school);
        var both = await Task.WhenAll(teacher.PostFormAsync("/referrals/new", form), teacher.PostFormAsync("/referrals/new", form));
        both.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await teacher.PostFormAsync("/referrals/new", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(app, school)).ShouldBe(before + 1);
    }

    [Theory, OnSqlite]
    public async Task BadReferrals_SayWhatIsWrong_AndChangeNothing(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var url = $"/referrals/new?pupilId={school.PupilId}";
        var before = await CountAsync(app, school);
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Details", "Something")])).Errors.ShouldContain("Error: Choose at least one reason for the referral");
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Reasons", "Other"), Form.Field("Input.Details", "x")])).Errors.ShouldContain("Error: Say what the other reason is");
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Reasons", "Puberty")])).Errors.ShouldContain(e => e.Contains("Describe what you have noticed", StringComparison.Ordinal));
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Reasons", "Puberty"), Form.Field("Input.Details", new string('x', 4001))])).Errors.ShouldContain(e => e.Contains("4000 characters or fewer", StringComparison.Ordinal));
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Reasons", "Hacking"), Form.Field("Input.Details", "x")])).Status.ShouldBe(HttpStatusCode.OK);
        (await teacher.SubmitAndReadAsync(url, [Form.Field("Input.Reasons", "Puberty"), Form.Field("Input.Details", "see \u202Eattached")])).Errors.ShouldContain(e => e.Contains("hidden text-direction", StringComparison.Ordinal));
        var stored = await teacher.SubmitAsync(url, [Form.Field("Input.Reasons", "Puberty"), Form.Field("Input.Details", "<script>alert(1)</script> said \"DROP TABLE pupils;\"")]);
        stored.StatusCode.ShouldBe(HttpStatusCode.Redirect, "script and SQL in a description are just text: stored as typed, shown encoded");
        (await CountAsync(app, school)).ShouldBe(before + 1);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var list = await hot.GetPageAsync("/referrals");
        var link = list.Document.QuerySelectorAll("#referrals a").Select(a => a.GetAttribute("href")!).First(h => !h.EndsWith(school.ReferralId.ToString(), StringComparison.Ordinal));
        var detail = await hot.GetPageAsync(link);
        detail.Html.ShouldNotContain("<script>alert(1)");
        detail.Text.ShouldContain("<script>alert(1)</script>");
    }

    internal static async Task<int> CountAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.CountAsync();
    }
}
