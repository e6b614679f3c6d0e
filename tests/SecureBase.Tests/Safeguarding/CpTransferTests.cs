using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Safeguarding;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Safeguarding;

/// <summary>
/// The child protection file moves with the pupil (issue 13, KCSIE): the sending DSL sends it to a DSL of another school of
/// this installation, separately from the main record; the receiving DSLs are told and one confirms receipt; both ends keep
/// when it was sent and received, audited at both schools; not confirmed within 5 school days, it is overdue to the sender.
/// </summary>
public sealed class CpTransferTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheDslSendsTheFile_TheReceivingDslIsToldAndConfirmsReceipt_AndBothSchoolsKeepTheRecord(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var from = await TestSchool.CreateAsync(app);
        var to = await TestSchool.CreateAsync(app);
        var mark = await RaiseAsync(app, from);
        var dsl = await from.SignInAsync(Role.Dsl);

        var sent = await SendAsync(dsl, from, to.Id.Value, to[Role.Dsl].Id, Today(app));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = sent.Headers.Location!.OriginalString;
        link.ShouldStartWith("/safeguarding/transfers/");
        var atSender = await dsl.GetPageAsync(link);
        atSender.Document.QuerySelector("#sent")!.TextContent.ShouldContain("Test Designated Safeguarding Lead");
        atSender.Document.QuerySelector("#receipt")!.TextContent.ShouldContain("Not confirmed yet");
        atSender.Document.QuerySelector("#confirm-form").ShouldBeNull("only the receiving school confirms receipt");

        var told = (await Notes.ForAsync(app, to, to[Role.Dsl].Id)).ShouldHaveSingleItem();
        told.Title.ShouldStartWith("Child protection file received");
        told.Body.ShouldNotContain(mark, customMessage: "a notification never carries what was written");
        told.Link.ShouldBe(link);

        var receiver = await to.SignInAsync(Role.Dsl);
        var list = await receiver.GetPageAsync("/safeguarding");
        var row = list.Document.QuerySelector("#cp-transfers tr.received")!;
        row.TextContent.ShouldContain($"Received from {from.Name}");
        row.TextContent.ShouldContain("Confirm receipt");
        (await receiver.GetPageAsync("/")).Text.ShouldContain("Child protection file of Jamal");
        var file = await receiver.GetPageAsync(link);
        file.Document.QuerySelector("#cp-file")!.TextContent.ShouldContain(mark, customMessage: "the receiving DSL reads the file as sent");
        file.Document.QuerySelector("#cp-file")!.TextContent.ShouldContain("Spoke to the pupil");
        file.Document.QuerySelector("#retention")!.TextContent.ShouldContain("2 March 2039");

        var confirmed = await receiver.SubmitAsync(link, [], "#confirm-form");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await receiver.GetPageAsync(link)).Document.QuerySelector("#receipt")!.TextContent.ShouldContain("Confirmed");
        (await dsl.GetPageAsync(link)).Document.QuerySelector("#receipt")!.TextContent.ShouldContain("Confirmed");
        (await dsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#cp-transfers tr.sent")!.TextContent.ShouldContain("Confirmed");
        (await Notes.ForAsync(app, from, from[Role.Dsl].Id)).ShouldContain(n => n.Title.StartsWith("Receipt confirmed", StringComparison.Ordinal));

        // Confirming twice changes nothing.
        var again = await PostConfirmAsync(receiver, link);
        (await TestClient.ReadAsync(again)).Errors.ShouldContain(e => e.Contains("already confirmed", StringComparison.Ordinal));

        var id = link.Split('/')[^1];
        (await AuditActionsAsync(app, from, id)).ShouldBe(["confidential.read", "safeguarding.cp-file-receipt-confirmed", "safeguarding.cp-file-sent"], ignoreOrder: true);
        (await AuditActionsAsync(app, to, id)).ShouldBe(["confidential.read", "safeguarding.cp-file-arrived", "safeguarding.cp-file-receipt-confirmed"], ignoreOrder: true);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ATransferToAnUnknownSchool_OrToSomeoneWhoIsNotItsDsl_OrSentTwice_OrConfirmedByTheWrongPeople_IsRefused_AndNothingChanges(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var from = await TestSchool.CreateAsync(app);
        var to = await TestSchool.CreateAsync(app);
        var third = await TestSchool.CreateAsync(app);
        await RaiseAsync(app, from);
        var dsl = await from.SignInAsync(Role.Dsl);
        var today = Today(app);

        async Task RefusedAsync(Guid school, Guid receiver, string expected)
        {
            var page = await TestClient.ReadAsync(await SendAsync(dsl, from, school, receiver, today));
            page.Status.ShouldBe(HttpStatusCode.OK);
            page.Errors.ShouldContain(e => e.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" among {string.Join(" | ", page.Errors)}");
            (await CountAsync(app, from)).ShouldBe(0);
        }

        await RefusedAsync(Guid.NewGuid(), to[Role.Dsl].Id, "not one of the schools of this installation");
        await RefusedAsync(from.Id.Value, from[Role.Dsl].Id, "moving away from this school");
        await RefusedAsync(to.Id.Value, to[Role.Therapist].Id, "is not a DSL or deputy DSL of");
        await RefusedAsync(to.Id.Value, third[Role.Dsl].Id, "is not a DSL or deputy DSL of");
        await RefusedAsync(to.Id.Value, Guid.NewGuid(), "is not a DSL or deputy DSL of");
        (await Notes.ForAsync(app, to, to[Role.Dsl].Id)).ShouldBeEmpty();

        // Someone who is not a DSL cannot send at all.
        var head = await from.SignInAsync(Role.Headteacher);
        (await head.GetAsync($"/safeguarding/transfers/new?pupilId={from.PupilId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var link = (await SendAsync(dsl, from, to.Id.Value, to[Role.Dsl].Id, today)).Headers.Location!.OriginalString;
        var twice = await TestClient.ReadAsync(await SendAsync(dsl, from, to.Id.Value, to[Role.Dsl].Id, today));
        twice.Errors.ShouldContain(e => e.Contains("already sent", StringComparison.Ordinal) && e.Contains("not sent again", StringComparison.Ordinal));
        (await CountAsync(app, from)).ShouldBe(1);

        // Only the receiving school's DSLs confirm: the sender is told so; the third school's DSL finds nothing; other roles are refused.
        var bySender = await TestClient.ReadAsync(await PostConfirmAsync(dsl, link));
        bySender.Errors.ShouldContain(e => e.Contains("Only a DSL of", StringComparison.Ordinal));
        var stranger = await third.SignInAsync(Role.Dsl);
        (await stranger.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var receivingHead = await to.SignInAsync(Role.Headteacher);
        (await receivingHead.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var receivingTherapist = await to.SignInAsync(Role.Therapist);
        (await receivingTherapist.PostFormAsync(link + "?handler=Confirm", [])).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        (await db.CpFileTransfers.AsNoTracking().SingleAsync(t => t.FromSchoolId == from.Id)).ConfirmedAt.ShouldBeNull("nobody but the receiving DSLs confirmed");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AFileNotConfirmedWithinFiveSchoolDaysOfTheMove_IsOverdueToTheSender(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var from = await TestSchool.CreateAsync(app);
        var to = await TestSchool.CreateAsync(app);
        await RaiseAsync(app, from);
        var dsl = await from.SignInAsync(Role.Dsl);
        var link = (await SendAsync(dsl, from, to.Id.Value, to[Role.Dsl].Id, Today(app).AddDays(-21))).Headers.Location!.OriginalString;

        var sender = await dsl.GetPageAsync("/safeguarding");
        sender.Document.QuerySelector("#cp-transfers tr.sent")!.TextContent.ShouldContain("Overdue");
        (await dsl.GetPageAsync(link)).Document.QuerySelector("#receipt")!.TextContent.ShouldContain("Overdue");
        (await dsl.GetPageAsync("/")).Text.ShouldContain("OVERDUE: receipt of");
        var receiver = await to.SignInAsync(Role.Dsl);
        (await receiver.GetPageAsync("/safeguarding")).Document.QuerySelector("#cp-transfers tr.received")!.TextContent.ShouldContain("Confirm receipt");

        // A file sent on the day of the move is not overdue.
        var other = await TestSchool.CreateAsync(app);
        await RaiseAsync(app, other);
        var otherDsl = await other.SignInAsync(Role.Dsl);
        await SendAsync(otherDsl, other, to.Id.Value, to[Role.Dsl].Id, Today(app));
        (await otherDsl.GetPageAsync("/safeguarding")).Document.QuerySelector("#cp-transfers tr.sent")!.TextContent.ShouldNotContain("Overdue");
    }

    /// <summary>Every role's view of a transferred file at both schools, generated from the policy table: only the two schools' DSLs read it.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task EveryRole_AtTheSendingAndTheReceivingSchool_SeesATransferredFileOnlyAsThePolicyTableSays(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var from = await TestSchool.CreateAsync(app);
        var to = await TestSchool.CreateAsync(app);
        var mark = await RaiseAsync(app, from);
        var link = (await SendAsync(await from.SignInAsync(Role.Dsl), from, to.Id.Value, to[Role.Dsl].Id, Today(app))).Headers.Location!.OriginalString;
        var failures = new List<string>();
        foreach (var school in new[] { from, to })
        {
            foreach (var info in RoleInfo.All)
            {
                var client = await school.SignInAsync(info.Role);
                var response = await client.GetAsync(link);
                var body = await response.Content.ReadAsStringAsync();
                var reads = PolicyTable.ScopeFor([info.Role], SchoolAction.ViewConcerns).HasFlag(Scope.School);
                var where = school == from ? "sending" : "receiving";
                if (reads && (response.StatusCode != HttpStatusCode.OK || !body.Contains(mark, StringComparison.Ordinal)))
                {
                    failures.Add($"{info.Name} at the {where} school: {(int)response.StatusCode}, expected the file");
                }
                else if (!reads && (response.StatusCode != HttpStatusCode.Forbidden || body.Contains(mark, StringComparison.Ordinal)))
                {
                    failures.Add($"{info.Name} at the {where} school: {(int)response.StatusCode}, the table does not let them read concerns");
                }

                var list = await (await client.GetAsync("/safeguarding")).Content.ReadAsStringAsync();
                if (!reads && list.Contains("Jamal", StringComparison.Ordinal) && list.Contains("cp-transfers", StringComparison.Ordinal))
                {
                    failures.Add($"{info.Name} at the {where} school sees the list of transfers");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    internal static async Task<string> RaiseAsync(TestApp app, TestSchool school)
    {
        var mark = "cpfilemark" + TestSchool.Letters(8);
        var teacher = await school.SignInAsync(Role.EducationStaff);
        var raised = await teacher.Http.PostAsJsonAsync($"/api/v1/pupils/{school.PupilId}/concerns",
            new { whatWasSeenOrSaid = $"Said she is scared of her uncle ({mark}).", category = "Emotional", submissionKey = Guid.NewGuid() });
        raised.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await raised.Content.ReadFromJsonAsync<ConcernReceiptDto>(Json.Options))!.Id;
        var dsl = await school.SignInAsync(Role.Dsl);
        (await dsl.Http.PostAsJsonAsync($"/api/v1/concerns/{id}/actions", new { action = "SpokeToPupil", owner = "The DSL", on = Today(app).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return mark;
    }

    internal static Task<HttpResponseMessage> SendAsync(TestClient dsl, TestSchool from, Guid toSchool, Guid toDsl, DateOnly movedOn) =>
        dsl.SubmitAsync($"/safeguarding/transfers/new?pupilId={from.PupilId}",
        [
            Form.Field("ToSchoolId", toSchool.ToString()), Form.Field("ToDslUserId", toDsl.ToString()),
            Form.Field("MovedOn", movedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ], "#transfer-form");

    private static async Task<HttpResponseMessage> PostConfirmAsync(TestClient client, string link)
    {
        var token = await client.TokenFromAsync(link);
        return await client.PostFormAsync(link + "?handler=Confirm", [Form.Field("__RequestVerificationToken", token)]);
    }

    internal static DateOnly Today(TestApp app) => SecureBase.Schools.SchoolTime.London.Today(app.Clock);

    private static async Task<int> CountAsync(TestApp app, TestSchool from)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().CpFileTransfers.CountAsync(t => t.FromSchoolId == from.Id);
    }

    private static async Task<List<string>> AuditActionsAsync(TestApp app, TestSchool school, string id)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        return (await db.AuditEntries.AsNoTracking().Where(a => a.RecordId == id && a.SchoolId == school.Id).Select(a => a.Action).ToListAsync()).Distinct().ToList();
    }
}
