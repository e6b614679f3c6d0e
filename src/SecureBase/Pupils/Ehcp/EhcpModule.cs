namespace SecureBase.Pupils;

public static class EhcpModule
{
    /// <summary>EHCP provision (specified vs delivered), the out-of-date check and its hourly run.</summary>
    public static IServiceCollection AddEhcpModule(this IServiceCollection services)
    {
        services.AddScoped<EhcpPlans>();
        services.AddScoped<IProvisionDelivered, ProvisionDelivered>();
        services.AddScoped<EhcpReviewCheck>();
        services.AddHostedService<EhcpReviewSchedule>();
        return services;
    }
}
