using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>Small things users noticed in the words on the pages: greetings, counts and labels.</summary>
public sealed class PlainWordsTests
{
    [Theory]
    [InlineData("ELSA", "an ELSA")]
    [InlineData("occupational therapist", "an occupational therapist")]
    [InlineData("counsellor", "a counsellor")]
    [InlineData("CBT therapist", "a CBT therapist")]
    [InlineData("HCPC registrant", "an HCPC registrant")]
    public void APractitioner_IsNamedWithTheArticleAReaderWouldSay(string noun, string expected) =>
        SecureBase.Web.PlainWords.WithArticle(noun).ShouldBe(expected);

    [Theory, OnSqlite, OnPostgres]
    public async Task Greeting_ForANameThatStartsWithATitle_UsesTitleAndSurname(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(school[Role.Sendco].Id.ToString()))!;
            user.DisplayName = "Ms Smith";
            (await users.UpdateAsync(user)).Succeeded.ShouldBeTrue();
        }

        var sendco = await school.SignInAsync(Role.Sendco);
        var heading = (await sendco.GetPageAsync("/")).Title;
        heading.ShouldEndWith(", Ms Smith");
        heading.ShouldMatch("^Good (morning|afternoon|evening), Ms Smith$");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReviewPage_AReferralWaitingOneWeek_Says1Week_AndStatusesAndTherapiesKeepTheirCapitals(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        (await hot.SubmitAsync($"/referrals/{school.ReferralId}", [Form.Field("Input.Discipline", "Cbt"), Form.Field("Input.Priority", "2")], "#accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var eightDaysAgo = app.Clock.GetUtcNow().UtcDateTime.AddDays(-8);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Referrals.Where(r => r.Id == school.ReferralId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReceivedAt, eightDaysAgo).SetProperty(r => r.AcceptedAt, eightDaysAgo));
        }

        var detail = await hot.GetPageAsync($"/referrals/{school.ReferralId}");
        detail.Document.QuerySelector("#status")!.TextContent.ShouldBe("On the waiting list, priority 2, for CBT/REBT");

        var review = await hot.GetPageAsync("/referrals/review");
        var row = review.Document.QuerySelectorAll("#review tbody tr").Single(r => r.TextContent.Contains(school.PupilLastName, StringComparison.Ordinal));
        row.QuerySelectorAll("td")[1].TextContent.Trim().ShouldBe("1 week");
        row.QuerySelector(".muted")!.TextContent.ShouldBe("On the waiting list, CBT/REBT");
        review.Text.ShouldNotContain("1 weeks");

        var waiting = await hot.GetPageAsync("/waiting-list");
        waiting.Text.ShouldContain("CBT/REBT");
        waiting.Text.ShouldNotContain("cbt / rebt", Case.Insensitive);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReferralList_ShowsStatusesInProperCase(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var list = await hot.GetPageAsync("/referrals");
        var row = list.Document.QuerySelectorAll("#referrals tbody tr").ShouldHaveSingleItem();
        row.TextContent.ShouldContain("Received", Case.Sensitive);
        row.TextContent.ShouldNotContain("received", Case.Sensitive);
    }
}
