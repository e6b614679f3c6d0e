namespace SecureBase.Development;

public static class DevelopmentModule
{
    /// <summary>Staff development and supervision (C12): supervision and its overdue flags, requests for supervision.</summary>
    public static IServiceCollection AddDevelopmentModule(this IServiceCollection services)
    {
        services.AddScoped<SupervisionDesk>();
        services.AddScoped<Web.IHomeTasks, SupervisionHomeTasks>();
        return services;
    }

    /// <summary>The module's API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapDevelopment(IEndpointRouteBuilder api) => DevelopmentApi.Map(api);
}
