using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Sessions.Notes;
using SecureBase.Tests.Sessions;
using SecureBase.Tests.Sessions.Notes;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Reports;

/// <summary>Reports (issue 12): written from the record, approved before anyone else reads them, versioned, read back from their PDFs.</summary>
public sealed class ReportTests
{
    private static object Body(string kind, string summary, params string[] audience) => new
    {
        kind,
        periodFrom = "2020-01-01",
        periodTo = "2030-12-31",
        summary,
        recommendations = "Carry on with weekly sessions and share the visual timetable with teachers.",
        audience,
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task EveryKindOfReport_ApprovedAndReadBackWithPdftotext_HasTheNamesAndFigures_AndNoNoteOrSafeguardingText(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var school = s.School;
        var noteMark = "NOTE-MARK-" + TestSchool.Letters(10);
        var safeguardingMark = "SAFEGUARDING-MARK-" + TestSchool.Letters(10);
        await s.QueryAsync(async db =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.Id == school.PupilId);
            pupil.Update(new PupilDetails("سارة", "حسن", "Ciarán", "Ó Briain", pupil.DateOfBirth, pupil.YearGroup, pupil.TutorGroup, false, SenStatus.Ehcp, false, pupil.SiteId), s.App.Clock.GetUtcNow().UtcDateTime).IsSuccess.ShouldBeTrue();
            await db.Referrals.Where(r => r.Id == school.ReferralId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SafeguardingDetails, safeguardingMark));
            await db.SaveChangesAsync();
            return 0;
        });

        // Three sessions: two attended (a weekly one and a drop-in yesterday), one refused; and a confidential note with a marker.
        var therapist = await school.SignInAsync(Role.Therapist);
        object Record(string attendance, int? engagement) => new { members = new[] { new { pupilId = school.PupilId.ToString(), attendance, engagement } } };
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(0)).Id}/record", Record("Attended", 4))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await therapist.Http.PostAsJsonAsync($"/api/v1/sessions/occurrences/{(await s.OccurrenceAsync(1)).Id}/record", Record("Refused", null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var sessionId = await NoteTestData.AddSessionAsync(s.App, school.Id, school.TherapistStaffId, Staff.Discipline.Counselling, (school.PupilId, school.EpisodeId));
        await NoteTestData.PlantNoteAsync(s.App, school.Id, new NoteAuthor(school[Role.Therapist].Id, school.TherapistStaffId, "Test Therapist"),
            NoteKind.Session, sessionId, school.EpisodeId, school.PupilId, $"Told me something private: {noteMark}");

        var kinds = new[] { "HalfTermlyProgress", "AnnualReviewContribution", "OutcomeMeasurement", "FinalEvaluation" };
        var ids = new Dictionary<string, string>();
        foreach (var kind in kinds)
        {
            var audience = kind == "HalfTermlyProgress" ? new[] { "ParentsCarers", "SchoolStaff" } : ["SchoolStaff", "LocalAuthority"];
            var written = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{school.EpisodeId}/reports", Body(kind, $"Summary for the {kind} report.", audience));
            written.StatusCode.ShouldBe(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
            var json = await written.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("status").GetString().ShouldBe("Draft");
            ids[kind] = json.GetProperty("id").GetString()!;
        }

        // A draft is for the therapy team only: the parent cannot reach it, nor its PDF.
        var parent = await school.SignInAsync(Role.ParentCarer);
        (await parent.GetAsync($"/api/v1/reports/{ids["HalfTermlyProgress"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetAsync($"/reports/{ids["HalfTermlyProgress"]}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var kind in kinds)
        {
            (await therapist.Http.PostAsync($"/api/v1/reports/{ids[kind]}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var hot = await school.SignInAsync(Role.HeadOfTherapy);
        foreach (var kind in kinds)
        {
            var pdf = await hot.GetAsync($"/reports/{ids[kind]}.pdf");
            pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync());
            text.ShouldContain("Ciarán Ó Briain", Case.Sensitive, $"{kind}: the Irish known-as name");
            text.ShouldContain("سارة حسن", Case.Sensitive, $"{kind}: the Arabic name as recorded, read back in its typed order");
            text.ShouldContain($"Summary for the {kind} report.");
            text.ShouldContain("Sessions offered 3");
            text.ShouldContain("Sessions attended 2");
            text.ShouldContain("Attendance 67%");
            text.ShouldContain("Counselling");
            text.ShouldNotContain(noteMark, Case.Insensitive, $"{kind}: a session note leaked into the report");
            text.ShouldNotContain(safeguardingMark, Case.Insensitive, $"{kind}: safeguarding text leaked into the report");
            if (kind == "AnnualReviewContribution")
            {
                text.ShouldContain("EHCP therapy provision: specified and delivered");
                text.ShouldContain("still age-appropriate");
            }

            if (kind != "HalfTermlyProgress")
            {
                text.ShouldContain("1 session was refused in this period");
            }
        }

        // The parent reads the half-termly report (shared with parents) but not the others (404).
        var page = await parent.GetPageAsync($"/reports/{ids["HalfTermlyProgress"]}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Attendance 67%");
        page.Text.ShouldNotContain(noteMark);
        (await parent.GetAsync($"/reports/{ids["AnnualReviewContribution"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.GetAsync($"/reports/{ids["FinalEvaluation"]}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await parent.GetPageAsync("/my-children/reports");
        list.Text.ShouldContain("Half-termly progress report");
        list.Text.ShouldNotContain("Annual review contribution");
        var parentPdf = await parent.GetAsync($"/reports/{ids["HalfTermlyProgress"]}.pdf");
        (await PdfText.ReadAsync(await parentPdf.Content.ReadAsByteArrayAsync())).ShouldContain("Half-termly progress report: Ciarán Ó Briain");

        // Every read is audited: the parent's read of the report is in the log with its relationship.
        var reads = await s.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == ids["HalfTermlyProgress"] && a.Action == "confidential.read").CountAsync());
        reads.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SharingOutsideThePupilsCircle_IsRefusedPlainly_AndAnEditAfterApproval_BecomesANewVersion_TheOldStaysReadable(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider, groupSize: 2);
        var school = s.School;
        // The second pupil has no parent linked, no EHCP and is not care-experienced; their name is in Chinese script.
        await s.QueryAsync(async db =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.Id == s.Pupils[1]);
            pupil.Update(new PupilDetails("王芳", "李", "Fang", "Li", pupil.DateOfBirth, pupil.YearGroup, pupil.TutorGroup, false, SenStatus.SenSupport, false, pupil.SiteId), s.App.Clock.GetUtcNow().UtcDateTime).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
            return 0;
        });
        var therapist = await school.SignInAsync(Role.Therapist);
        var episode = s.Episodes[1];

        var toParents = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/reports", Body("HalfTermlyProgress", "Fang is settling.", "ParentsCarers"));
        toParents.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await toParents.Content.ReadAsStringAsync()).ShouldContain("No parent or carer of Fang Li is known to the school");
        var toAuthority = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/reports", Body("HalfTermlyProgress", "Fang is settling.", "LocalAuthority"));
        (await toAuthority.Content.ReadAsStringAsync()).ShouldContain("the local authority is outside their circle");
        var annual = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/reports", Body("AnnualReviewContribution", "Fang is settling.", "SchoolStaff"));
        (await annual.Content.ReadAsStringAsync()).ShouldContain("Fang Li has no EHCP");
        var unnamed = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/reports", Body("HalfTermlyProgress", "Fang is settling.", "OtherProfessionals"));
        (await unnamed.Content.ReadAsStringAsync()).ShouldContain("Name each other professional");
        (await s.QueryAsync(db => db.Reports.CountAsync())).ShouldBe(0, "a refused report saves nothing");

        // On the page: the same refusal, in the error summary, nothing saved.
        var refused = await therapist.SubmitAndReadAsync($"/episodes/{episode}/reports/new",
            [Form.Field("Input.Summary", "Fang is settling."), Form.Field("Input.Audience", "ParentsCarers")], "#write-report");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain("There is a problem");
        refused.Text.ShouldContain("the report cannot be shared with parents");

        // Written for school staff and approved; an edit then makes version 2 and version 1 stays as approved.
        var written = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{episode}/reports", Body("HalfTermlyProgress", "Version one words.", "SchoolStaff"));
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await therapist.Http.PostAsync($"/api/v1/reports/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await therapist.Http.PostAsync($"/api/v1/reports/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "an approved report is not approved twice");

        var edited = await therapist.Http.PutAsJsonAsync($"/api/v1/reports/{id}", Body("HalfTermlyProgress", "Version two words.", "SchoolStaff"));
        edited.StatusCode.ShouldBe(HttpStatusCode.Created);
        var v2 = await edited.Content.ReadFromJsonAsync<JsonElement>();
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        v2.GetProperty("status").GetString().ShouldBe("Draft");
        var v2Id = v2.GetProperty("id").GetString()!;
        v2Id.ShouldNotBe(id);

        var sendco = await school.SignInAsync(Role.Sendco);
        var old = await sendco.GetAsync($"/api/v1/reports/{id}");
        old.StatusCode.ShouldBe(HttpStatusCode.OK, "the approved version stays readable to school staff");
        (await old.Content.ReadAsStringAsync()).ShouldContain("Version one words.");
        (await sendco.GetAsync($"/api/v1/reports/{v2Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the new version is a draft");
        (await therapist.Http.PutAsJsonAsync($"/api/v1/reports/{id}", Body("HalfTermlyProgress", "Again.", "SchoolStaff"))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the old version is not edited once a newer one exists");

        var pdf = await sendco.GetAsync($"/reports/{id}.pdf");
        var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("王芳 李", Case.Sensitive, "the name as recorded, in Chinese script");
        text.ShouldContain("Fang Li");
        text.ShouldContain("Version one words.");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TheAnnualReviewBatch_WithNobodyDue_SaysSoAndGivesNoFile_AndWithAContributionDue_GivesItAsOnePdf(DatabaseProvider provider)
    {
        var s = await SessionSchool.CreateAsync(provider);
        var school = s.School;
        var sendco = await school.SignInAsync(Role.Sendco);

        var none = await sendco.GetAsync("/api/v1/reports/annual-reviews/pdf");
        none.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        none.Content.Headers.ContentType!.MediaType.ShouldNotBe("application/pdf");
        (await none.Content.ReadAsStringAsync()).ShouldContain("so there are no contributions to download");
        var page = await sendco.SubmitAndReadAsync("/reports/annual-reviews", [], "#download-batch");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("There is nothing to download");

        // The pupil's annual review falls in this half term, and the therapist approves a contribution.
        var halfTerm = await (await sendco.GetAsync("/api/v1/reports/annual-reviews")).Content.ReadFromJsonAsync<JsonElement>();
        var from = DateOnly.Parse(halfTerm.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await s.QueryAsync(async db =>
        {
            var plan = await db.EhcpPlans.SingleAsync(p => p.PupilId == school.PupilId);
            await db.EhcpPlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.NextReviewDue, from));
            return 0;
        });
        var dueNotReady = await sendco.GetAsync("/api/v1/reports/annual-reviews/pdf");
        dueNotReady.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await dueNotReady.Content.ReadAsStringAsync()).ShouldContain("no contribution has been approved yet");

        var therapist = await school.SignInAsync(Role.Therapist);
        var written = await therapist.Http.PostAsJsonAsync($"/api/v1/episodes/{school.EpisodeId}/reports", Body("AnnualReviewContribution", "Jamal's annual review contribution.", "SchoolStaff", "LocalAuthority"));
        var id = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await therapist.Http.PostAsync($"/api/v1/reports/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = await sendco.GetPageAsync("/reports/annual-reviews");
        list.Text.ShouldContain($"Jamal {school.PupilLastName}");
        list.Text.ShouldContain("Approved (version 1)");
        var batch = await sendco.GetAsync("/api/v1/reports/annual-reviews/pdf");
        batch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await batch.Content.ReadAsByteArrayAsync();
        var text = await PdfText.ReadAsync(bytes);
        text.ShouldContain($"Annual review contribution: Jamal {school.PupilLastName}");
        text.ShouldContain("Jamal's annual review contribution.");
    }
}
