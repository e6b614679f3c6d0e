using SecureBase.Common;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Reports;

internal sealed record ReportDto(
    ReportId Id,
    ReportId SeriesId,
    int Version,
    EpisodeId EpisodeId,
    PupilId PupilId,
    ReportKind Kind,
    ReportStatus Status,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string Summary,
    string Recommendations,
    IReadOnlyList<ReportAudience> Audience,
    IReadOnlyList<string> OtherProfessionals,
    string WrittenBy,
    DateTime WrittenAt,
    string? ApprovedBy,
    DateTime? ApprovedAt,
    ReportFacts Facts,
    string Pdf);

internal sealed record ReportSummaryDto(ReportId Id, ReportId SeriesId, int Version, ReportKind Kind, ReportStatus Status, DateOnly PeriodFrom, DateOnly PeriodTo, string Href);

internal sealed record AnnualReviewDueDto(PupilId PupilId, string Pupil, DateOnly ReviewDue, ReportId? ContributionId);

internal sealed record AnnualReviewBatchDto(string HalfTerm, DateOnly From, DateOnly To, IReadOnlyList<AnnualReviewDueDto> Due, int Ready, string Pdf);

public static class ReportsModule
{
    /// <summary>Reports (issue 12, C10): written from the structured record, approved, printed and downloaded as PDFs.</summary>
    public static IServiceCollection AddReportsModule(this IServiceCollection services)
    {
        services.AddScoped<ReportDesk>();
        services.AddScoped<ReportFactsBuilder>();
        services.AddScoped<IReportOutcomes, GoalRatingOutcomes>();
        services.AddScoped<IReportOutcomes, TomReportOutcomes>();
        services.AddScoped<IFamilyReports, FamilyReports>();
        // The published reads reports are made from (Sessions and Caseload publish them; reports are their reader).
        services.AddScoped<Sessions.EpisodeAttendance>();
        services.AddScoped<Caseload.GoalRatingHistory>();
        return services;
    }

    /// <summary>The report PDFs (beside the pages) and the reports API under <paramref name="api"/>.</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        app.MapGet("/reports/{reportId:guid}.pdf", PdfAsync).Permits(SchoolAction.ViewReport).ExcludeFromDescription();

        var episode = api.MapGroup("/episodes/{episodeId:guid}/reports").WithTags("Reports");
        episode.MapGet("/", ListAsync).Permits(SchoolAction.WriteReport)
            .WithSummary("The reports on an episode, every version, drafts too: for the therapy team");
        episode.MapPost("/", WriteAsync).Permits(SchoolAction.WriteReport)
            .WithSummary("Write a report (kind, periodFrom, periodTo, summary, recommendations, audience, otherProfessionals) as a draft; its figures come from the record, never from notes");
        var report = api.MapGroup("/reports").WithTags("Reports");
        report.MapGet("/{reportId:guid}", ReadAsync).Permits(SchoolAction.ViewReport)
            .WithSummary("One report: the therapy team any version; anyone else an approved report shared with them (otherwise 404). Audited.");
        report.MapPut("/{reportId:guid}", EditAsync).Permits(SchoolAction.WriteReport)
            .WithSummary("Edit a report: a draft changes (200); an approved report stays as it is and the edit becomes its next version, a draft (201)");
        report.MapPost("/{reportId:guid}/approve", ApproveAsync).Permits(SchoolAction.ApproveReport)
            .WithSummary("Approve a draft: its figures are frozen and those it is shared with may read it");
        report.MapGet("/{reportId:guid}/pdf", PdfAsync).Permits(SchoolAction.ViewReport)
            .WithSummary("The report as a PDF, under the same rule as reading it");
        report.MapGet("/annual-reviews", BatchAsync).Permits(SchoolAction.DownloadAnnualReviewBatch)
            .WithSummary("The annual-review contributions due this half term: EHCP pupils whose review falls in it and their approved contribution");
        report.MapGet("/annual-reviews/pdf", BatchPdfAsync).Permits(SchoolAction.DownloadAnnualReviewBatch)
            .WithSummary("Every approved contribution due this half term as one PDF; 409 with the reason when there is none (never an empty file)");
        return app;
    }

    private static async Task<IResult> ListAsync(EpisodeId episodeId, ReportDesk desk, CancellationToken ct) =>
        await desk.EpisodeAsync(episodeId, ct) is { } e
            ? TypedResults.Ok(e.Reports.Select(r => new ReportSummaryDto(r.Id, r.SeriesId, r.Version, r.Kind, r.Status, r.PeriodFrom, r.PeriodTo, $"/api/v1/reports/{r.Id}")).ToList())
            : new Error.NotFound("That pupil is not on your caseload.").ToProblem();

    private static async Task<IResult> WriteAsync(EpisodeId episodeId, WriteReportPageModel.ReportForm body, ReportDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var written = await desk.WriteAsync(episodeId, body.ToContent(), ct);
        return written.IsSuccess
            ? TypedResults.Created($"/api/v1/reports/{written.Value.Id}", await DtoAsync(written.Value.Id, desk, ct))
            : written.Error!.ToProblem();
    }

    private static async Task<IResult> ReadAsync(ReportId reportId, ReportDesk desk, CancellationToken ct) =>
        await DtoAsync(reportId, desk, ct) is { } dto ? TypedResults.Ok(dto) : new Error.NotFound("That report was not found.").ToProblem();

    private static async Task<IResult> EditAsync(ReportId reportId, WriteReportPageModel.ReportForm body, ReportDesk desk, CancellationToken ct)
    {
        if (ApiValidation.Check(body) is { } invalid)
        {
            return invalid;
        }

        var edited = await desk.EditAsync(reportId, body.ToContent(), ct);
        if (!edited.IsSuccess)
        {
            return edited.Error!.ToProblem();
        }

        var dto = await DtoAsync(edited.Value.Id, desk, ct);
        return edited.Value.Id == reportId ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/reports/{edited.Value.Id}", dto);
    }

    private static async Task<IResult> ApproveAsync(ReportId reportId, ReportDesk desk, CancellationToken ct)
    {
        var approved = await desk.ApproveAsync(reportId, ct);
        return approved.IsSuccess ? TypedResults.Ok(await DtoAsync(reportId, desk, ct)) : approved.Error!.ToProblem();
    }

    private static async Task<IResult> PdfAsync(ReportId reportId, ReportDesk desk, HttpContext http, CancellationToken ct)
    {
        if (await desk.ReadAsync(reportId, http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? "API (PDF)" : "PDF", ct) is not { } reading)
        {
            return new Error.NotFound("That report was not found.").ToProblem();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        var name = $"{reading.Report.Kind}-{reading.Report.PeriodTo:yyyy-MM-dd}-v{reading.Report.Version}.pdf".ToLowerInvariant();
        return TypedResults.File(ReportPdf.ToBytes([reading.Document]), "application/pdf", name);
    }

    private static async Task<AnnualReviewBatchDto> BatchAsync(ReportDesk desk, CancellationToken ct)
    {
        var b = await desk.AnnualReviewsDueAsync(ct);
        return new AnnualReviewBatchDto(b.HalfTerm, b.From, b.To, b.Due.Select(d => new AnnualReviewDueDto(d.PupilId, d.Pupil, d.ReviewDue, d.Contribution?.Id)).ToList(), b.Ready.Count, "/api/v1/reports/annual-reviews/pdf");
    }

    private static async Task<IResult> BatchPdfAsync(ReportDesk desk, HttpContext http, CancellationToken ct)
    {
        var b = await desk.AnnualReviewsDueAsync(ct);
        if (await desk.AnnualReviewPdfAsync(b, ct) is not { } pdf)
        {
            return new Error.Conflict(AnnualReviewWords.NothingToPrint(b)).ToProblem();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(pdf.Pdf, "application/pdf", $"annual-review-contributions-{b.From:yyyy-MM-dd}.pdf");
    }

    private static async Task<ReportDto?> DtoAsync(ReportId id, ReportDesk desk, CancellationToken ct)
    {
        if (await desk.ReadAsync(id, "API", ct) is not { } reading)
        {
            return null;
        }

        var r = reading.Report;
        return new ReportDto(r.Id, r.SeriesId, r.Version, r.EpisodeId, r.PupilId, r.Kind, r.Status, r.PeriodFrom, r.PeriodTo, r.Summary, r.Recommendations,
            ReportWords.Audiences.Where(a => r.Audience.HasFlag(a)).ToList(), ReportWords.Professionals(r.OtherProfessionals), r.WrittenByName, r.WrittenAt,
            r.ApprovedByName, r.ApprovedAt, reading.Facts, $"/api/v1/reports/{r.Id}/pdf");
    }
}
