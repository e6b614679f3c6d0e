using System.Net;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Development.DevelopmentData;

namespace SecureBase.Tests.Development;

/// <summary>The lone-worker risk assessment (West Heath): published, acknowledged by each practitioner, asked again on a new version.</summary>
public sealed class LoneWorkingTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task EachPractitionerAcknowledgesTheRiskAssessment_TheHeadOfTherapySeesWhoHasNot_AndANewVersionAsksEveryoneAgain(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var head = await school.SignInAsync(Role.HeadOfTherapy);
        (await head.SubmitAsync("/lone-working/publish", [Form.Field("Text", "")])).StatusCode.ShouldBe(HttpStatusCode.OK, "an empty assessment is refused");
        (await WithDbAsync(app, school, (db, _) => db.LoneWorkingVersions.CountAsync())).ShouldBe(0);
        (await head.SubmitAsync("/lone-working/publish", [Form.Field("Text", "Sign in and out at reception. Carry the radio.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var therapist = await school.SignInAsync(Role.Therapist);
        (await therapist.GetPageAsync("/")).Text.ShouldContain("Read and acknowledge the lone-worker risk assessment (version 1)");
        (await head.GetPageAsync("/lone-working")).Document.QuerySelector("#not-yet")!.TextContent.ShouldContain("Test Therapist");

        (await therapist.SubmitAsync("/lone-working", [], "#acknowledge")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await therapist.GetPageAsync("/")).Text.ShouldNotContain("Read and acknowledge the lone-worker risk assessment");
        (await therapist.GetPageAsync("/lone-working")).Document.QuerySelector("#acknowledged").ShouldNotBeNull();
        var notYet = (await head.GetPageAsync("/lone-working")).Document.QuerySelector("#not-yet")!.TextContent;
        notYet.ShouldNotContain("Test Therapist");
        notYet.ShouldContain("Test TherapyassistantELSA");

        // Version 2: the therapist is asked again.
        (await head.SubmitAsync("/lone-working/publish", [Form.Field("Text", "Sign in and out at reception. Carry the radio. Never lock the door.")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await therapist.GetPageAsync("/")).Text.ShouldContain("Read and acknowledge the lone-worker risk assessment (version 2)");
        (await head.GetPageAsync("/lone-working")).Document.QuerySelector("#not-yet")!.TextContent.ShouldContain("Test Therapist");
        (await (await school.SignInAsync(Role.EducationStaff)).GetAsync("/lone-working")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
