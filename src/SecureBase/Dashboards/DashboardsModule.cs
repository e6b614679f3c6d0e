using SecureBase.Identity;

namespace SecureBase.Dashboards;

public static class DashboardsModule
{
    /// <summary>
    /// Service dashboards and the local authority view (issue 12, C14): figures from the other modules' published
    /// reads only, with small numbers suppressed in one place (<see cref="SmallNumbers"/>).
    /// </summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<ServiceFigures>();
        services.AddScoped<AuthorityFigures>();
        return services;
    }

    /// <summary>The dashboards' figures over the API under /api/v1, the same cells as the pages and CSV files.</summary>
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/dashboards").WithTags("Dashboards");
        g.MapGet("/service", async (ServiceFigures figures, CancellationToken ct) =>
                TypedResults.Ok(new { anonymised = figures.Anonymised, today = figures.Period.Today, figures = (await figures.AllAsync(ct)).Select(f => f.ToDto()) }))
            .Permits(SchoolAction.ViewServiceDashboards)
            .WithSummary("The service dashboards' figures: each a table of cells (text, and value unless suppressed); anonymised for the headteacher (counts 1–4 as \"fewer than 5\")");
        g.MapGet("/authority", async (AuthorityFigures figures, CancellationToken ct) =>
            {
                var view = await figures.ViewAsync(withCohort: false, ct);
                // A school outside any local authority (a trust's, or one on its own) answers as the page does: nothing
                // to show, said plainly, rather than "not found" for an officer who may use this view.
                return view is null
                    ? TypedResults.Ok(new { authority = (string?)null, today = figures.Period.Today, figures = Enumerable.Empty<object>(), note = (string?)"This school is not part of a local authority in SecureBase (a trust is not a local authority), so there is nothing to show." })
                    : TypedResults.Ok(new { authority = (string?)view.Authority, today = figures.Period.Today, figures = view.Figures.Select(f => f.ToDto()), note = (string?)null });
            })
            .Permits(SchoolAction.ViewAuthorityDashboard)
            .WithSummary("The local authority view across the authority's schools, anonymised: any count of pupils from 1 to 4 is \"fewer than 5\" (value null), rates that would reveal one are withheld");
        return api;
    }
}
