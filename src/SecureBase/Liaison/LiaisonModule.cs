namespace SecureBase.Liaison;

public static class LiaisonModule
{
    /// <summary>Liaison with families and agencies (C13): the contact log, family meetings and their summaries for the family, parents' messages and the parents' evening sheet.</summary>
    public static IServiceCollection AddLiaisonModule(this IServiceCollection services)
    {
        services.AddScoped<LiaisonDesk>();
        services.AddScoped<Web.IHomeTasks, FollowUpHomeTasks>();
        return services;
    }

    /// <summary>The module's API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapLiaison(IEndpointRouteBuilder api) => LiaisonApi.Map(api);
}
