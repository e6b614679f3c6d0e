using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Reports;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Reports;

/// <summary>The demo school has approved reports to read: the demo parent's child's half-termly report and an EHCP pupil's annual review contribution.</summary>
public sealed class DemoReportsTests
{
    [Fact]
    public async Task TheDemoSchool_HasAnApprovedHalfTermlyReportForTheDemoParentsChild_AndAnAnnualReviewContribution()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);

        var reports = await db.Reports.AsNoTracking().ToListAsync();
        var parentsChildren = await db.CarerLinks.AsNoTracking().Where(l => !l.IsRestricted && db.Carers.Any(c => c.Id == l.CarerId && c.UserId != null)).Select(l => l.PupilId).ToListAsync();
        reports.ShouldContain(r => r.Kind == ReportKind.HalfTermlyProgress && r.IsSharedWith(ReportAudience.ParentsCarers) && parentsChildren.Contains(r.PupilId),
            "the demo parent can read their child's half-termly report");
        reports.ShouldContain(r => r.Kind == ReportKind.AnnualReviewContribution && r.IsApproved);
        var annual = ReportFacts.FromJson(reports.First(r => r.Kind == ReportKind.AnnualReviewContribution).Facts);
        annual.Ehcp.ShouldNotBeNull();
        annual.Ehcp.Provision.ShouldNotBeEmpty();
        // The outcome change a report states includes the Therapy Outcome Measures the demo history rated (outcomes module).
        reports.SelectMany(r => ReportFacts.FromJson(r.Facts).OutcomeChange).ShouldContain(line => line.StartsWith("Therapy Outcome Measure, ", StringComparison.Ordinal));
        var pdf = ReportPdf.ToBytes(reports.Select(r => ReportLayout.Document(r, ReportFacts.FromJson(r.Facts))));
        (await PdfText.ReadAsync(pdf)).ShouldContain("Annual review contribution: ");
    }
}
