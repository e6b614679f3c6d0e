namespace SecureBase.Audit;

public static class AuditModule
{
    /// <summary>The append-only, hash-chained audit log, and the witness of its head kept in the data folder.</summary>
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditAppender>();
        services.AddScoped<ConfidentialReads>();
        services.AddSingleton(sp => new AuditWitness(sp.GetRequiredService<AuditKey>(), sp.GetRequiredService<IOptions<Data.SecureBaseOptions>>().Value.FullDataFolder));
        services.AddHostedService<AuditWitnessSchedule>();
        return services;
    }
}
