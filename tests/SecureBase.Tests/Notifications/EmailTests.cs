using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Referrals;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Notifications;

/// <summary>
/// Emails for the notifications people choose (issue 15), through the school's relay with MailKit, tested against a
/// real SMTP server on loopback: the email says only that there is something to read and links to it; a relay that is
/// down never blocks the page and the email goes once it is back; bad addresses are refused plainly.
/// </summary>
public sealed class EmailTests
{
    private const string Site = "https://securebase.test-school.org.uk";

    [Theory, OnSqlite, OnPostgres]
    public async Task AReferralForTheHeadOfTherapy_ReachesTheirInbox_SayingOnlyThatThereIsSomethingToRead(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await ConfigureRelayAsync(school, smtp.Port);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.SubmitAsync("/account/email", [Form.Field("Address", "head.of.therapy@test-school.org.uk"), Form.Field("Topics", "Referrals")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await ReferAsync(teacher, school)).StatusCode.ShouldBe(HttpStatusCode.Created);
        smtp.Received.ShouldBeEmpty("nothing is sent while the page is answered: the email waits for the sender");

        (await app.Services.GetRequiredService<EmailSender>().SendDueAsync()).ShouldBe(1);
        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.ShouldBe(["head.of.therapy@test-school.org.uk"]);
        mail.Data.ShouldContain("Subject: You have something new to read in SecureBase");
        mail.Data.ShouldContain($"{Site}/notifications");
        mail.Data.ShouldNotContain(school.PupilLastName, Case.Insensitive);
        mail.Data.ShouldNotContain("withdrawn", Case.Insensitive);
        mail.Data.ShouldNotContain("Jamal");

        // Sent once: the next look sends nothing more.
        (await app.Services.GetRequiredService<EmailSender>().SendDueAsync()).ShouldBe(0);
        smtp.Received.Count.ShouldBe(1);
    }

    [Theory, OnSqlite]
    public async Task WhenTheRelayIsDown_ThePageIsNotHeldUp_AndTheEmailGoesWhenItIsBack(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        await ConfigureRelayAsync(school, smtp.Port);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.SubmitAsync("/account/email", [Form.Field("Address", "hot@test-school.org.uk"), Form.Field("Topics", "Referrals"), Form.Field("Topics", "Other")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await smtp.StopAsync();

        var teacher = await school.SignInAsync(Role.EducationStaff);
        (await ReferAsync(teacher, school)).StatusCode.ShouldBe(HttpStatusCode.Created, "the referral is saved whatever the mail relay is doing");
        var sender = app.Services.GetRequiredService<EmailSender>();
        (await sender.SendDueAsync()).ShouldBe(0);
        var waiting = await WaitingAsync(app, school);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError.ShouldNotBeNull().ShouldContain("could not be reached");

        var admin = await school.SignInAsync(Role.Administrator);
        var status = await admin.GetPageAsync("/settings/email");
        status.Document.QuerySelector("#email-status")!.TextContent.ShouldContain("could not be reached");

        smtp.Listen();
        (await sender.SendDueAsync()).ShouldBe(0, "it is not tried again before its retry time");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await sender.SendDueAsync()).ShouldBe(1);
        smtp.Received.ShouldHaveSingleItem().To.ShouldBe(["hot@test-school.org.uk"]);
    }

    [Theory, OnSqlite]
    public async Task AnAddressWithHeaderInjection_OrABadRelay_IsRefusedPlainly_AndNothingIsSaved(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.SubmitAsync("/account/email", [Form.Field("Address", "hot@test-school.org.uk"), Form.Field("Topics", "Referrals")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var bad in new[] { "hot@test-school.org.uk\r\nBcc: everyone@elsewhere.example", "hot@test-school.org.uk, other@elsewhere.example", "not an address", "Head <hot@test-school.org.uk>" })
        {
            var page = await head.SubmitAndReadAsync("/account/email", [Form.Field("Address", bad), Form.Field("Topics", "Referrals")]);
            page.Status.ShouldBe(HttpStatusCode.OK, bad);
            page.Errors.ShouldNotBeEmpty(bad);
        }

        var mine = await head.GetPageAsync("/account/email");
        mine.Document.QuerySelector("#Address")!.GetAttribute("value").ShouldBe("hot@test-school.org.uk", "the saved address is unchanged");

        var admin = await school.SignInAsync(Role.Administrator);
        var relay = await admin.SubmitAndReadAsync("/settings/email", [Form.Field("Input.Host", "smtp relay\r\nEHLO evil"), Form.Field("Input.Port", "70000"),
            Form.Field("Input.Security", "None"), Form.Field("Input.FromAddress", "securebase@test-school.org.uk"), Form.Field("Input.SiteAddress", "javascript:alert(1)")]);
        relay.Status.ShouldBe(HttpStatusCode.OK);
        relay.Errors.ShouldContain(e => e.Contains("mail relay's name", StringComparison.Ordinal));
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().MailRelays.AnyAsync()).ShouldBeFalse();

        (await head.GetAsync("/settings/email")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the administrator sets the relay");
    }

    private static async Task ConfigureRelayAsync(TestSchool school, int port)
    {
        var admin = await school.SignInAsync(Role.Administrator);
        var saved = await admin.SubmitAsync("/settings/email", [Form.Field("Input.Host", "127.0.0.1"), Form.Field("Input.Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Form.Field("Input.Security", "None"), Form.Field("Input.FromAddress", "securebase@test-school.org.uk"), Form.Field("Input.SiteAddress", Site)]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
    }

    private static async Task<OutgoingEmail> WaitingAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().OutgoingEmails.AsNoTracking().SingleAsync();
    }

    private static Task<HttpResponseMessage> ReferAsync(TestClient client, TestSchool school)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
        {
            Content = JsonContent.Create(new
            {
                pupilId = school.PupilId.Value,
                reasons = new[] { nameof(ReferralReason.EmotionalWellbeing) },
                details = "Seems withdrawn in lessons since half term.",
                urgency = nameof(ReferralUrgency.Routine),
                consentGiven = true,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.Http.SendAsync(request);
    }
}
