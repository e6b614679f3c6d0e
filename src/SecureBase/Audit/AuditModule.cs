namespace SecureBase.Audit;

public static class AuditModule
{
    /// <summary>The append-only, hash-chained audit log.</summary>
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<ConfidentialReads>();
        return services;
    }
}
