using System.Net;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Referrals;

/// <summary>SecureBase as a pupil sees it: a current home page, messages written for a child, no link to a page they may not use.</summary>
public sealed class PupilViewTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task PupilHome_CardsAreLinks_AndAfterAskingForHelp_SaysSomeoneWillTalkToThemSoon(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);

        var before = await pupil.GetPageAsync("/");
        before.Text.ShouldNotContain("Soon you can", customMessage: "Ask for help is live, not coming soon");
        var cards = before.Document.QuerySelectorAll(".card");
        cards.Length.ShouldBeGreaterThan(0);
        cards.ShouldAllBe(c => c.QuerySelector("a[href]") != null, "every card on the pupil's home page is a link");
        before.Document.QuerySelectorAll(".card a").Select(a => a.GetAttribute("href")).ShouldContain("/ask-for-help");
        before.Document.QuerySelector("#my-request").ShouldBeNull("nothing asked yet");

        (await pupil.SubmitAndReadAsync("/ask-for-help", [Form.Field("Input.Reasons", "EmotionalWellbeing")])).Title.ShouldBe("Thank you for telling us");
        var after = await pupil.GetPageAsync("/");
        after.Document.QuerySelector("#my-request")!.TextContent.ShouldContain("Someone from the therapy team will talk to you soon");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task PupilPages_LinkOnlyToPagesThePupilMayUse(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);
        (await pupil.SubmitAsync("/ask-for-help", [Form.Field("Input.Reasons", "Communication")])).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Every page a pupil reaches (from the menu, their home page and their messages) and every link on them.
        var seen = new HashSet<string>();
        var toVisit = new Queue<string>(["/", "/ask-for-help", "/notifications", "/referrals/mine"]);
        var refused = new List<string>();
        while (toVisit.Count > 0 && seen.Count < 40)
        {
            var url = toVisit.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await pupil.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                refused.Add($"{url} ({(int)response.StatusCode})");
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await TestClient.ReadAsync(response);
            foreach (var href in page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/logout", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal))
                {
                    toVisit.Enqueue(href);
                }
            }
        }

        refused.ShouldBeEmpty("a pupil is never shown a link to a page they may not use");
        seen.ShouldContain("/ask-for-help");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task APupilsRequestClosed_TheMessageIsWrittenForAChild(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);
        await pupil.SubmitAsync("/ask-for-help", [Form.Field("Input.Reasons", "EmotionalWellbeing")]);
        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        var list = await hot.GetPageAsync("/referrals");
        var mine = list.Document.QuerySelectorAll("#referrals tbody tr a[href^='/referrals/']").Select(a => a.GetAttribute("href")!).Where(h => !h.EndsWith(school.ReferralId.ToString(), StringComparison.Ordinal)).ShouldHaveSingleItem();
        (await hot.SubmitAsync(mine, [Form.Field("Input.Note", "Talked with the pupil; no therapy needed now.")], "#close")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var note = (await Notes.ForAsync(app, school, school[Role.Pupil].Id)).ShouldHaveSingleItem();
        note.Title.ShouldNotStartWith("Referral closed");
        note.Title.ShouldNotContain(school.PupilLastName, customMessage: "a child is not addressed by their own full name as a case");
        note.Title.ShouldBe("The therapy team has read your message");
        note.Body.ShouldContain("ask for help again");
        note.Link.ShouldBe("/", "the pupil's own page tells them about their request");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AskForHelp_ShowsPicturesShippedWithTheApp_NotEmoji(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var pupil = await school.SignInAsync(Role.Pupil);
        var page = await pupil.GetPageAsync("/ask-for-help");

        page.Html.EnumerateRunes().ShouldNotContain(r => r.Value >= 0x2600, "no emoji or symbol characters that depend on the device's fonts");
        var pictures = page.Document.QuerySelectorAll(".big-choice img.symbol");
        pictures.Length.ShouldBe(7, "one picture per choice");
        foreach (var img in pictures)
        {
            img.GetAttribute("alt").ShouldNotBeNullOrWhiteSpace();
            var src = img.GetAttribute("src")!;
            src.ShouldStartWith("/images/help/");
            var image = await pupil.GetAsync(src);
            image.StatusCode.ShouldBe(HttpStatusCode.OK, src);
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        }
    }
}
