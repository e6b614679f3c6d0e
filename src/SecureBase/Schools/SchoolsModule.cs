using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Schools;

public static class SchoolsModule
{
    /// <summary>Schools (the tenants), their sites and their calendars.</summary>
    public static IServiceCollection AddSchoolsModule(this IServiceCollection services) =>
        services.AddScoped<IAuthoritySchools, AuthoritySchools>().AddScoped<SchoolClock>();

    public static IEndpointRouteBuilder MapSchoolsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/school", GetSchoolAsync)
            .Permits(SchoolAction.ViewSchool)
            .WithName("GetSchool")
            .WithSummary("The signed-in user's school, with its sites");
        api.MapCalendarApi();
        return api;
    }

    private static async Task<SchoolDto> GetSchoolAsync(SecureBaseDb db, CurrentUser user, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == user.SchoolId, ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new SiteDto(s.Id, s.Name)).ToListAsync(ct);
        return new SchoolDto(school.Id, school.Name, school.Urn, school.TimeZoneId, sites);
    }
}

internal sealed record SchoolDto(SchoolId Id, string Name, string? Urn, string TimeZone, IReadOnlyList<SiteDto> Sites);

internal sealed record SiteDto(SiteId Id, string Name);
