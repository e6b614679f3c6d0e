namespace SecureBase.Pupils;

public static class PupilsModule
{
    /// <summary>Pupils, parents and carers, and who may see which of them.</summary>
    public static IServiceCollection AddPupilsModule(this IServiceCollection services)
    {
        services.AddScoped<PupilAccess>();
        services.AddScoped<PupilDirectory>();
        services.AddScoped<ICareCohort, CareCohort>();
        services.AddScoped<PupilRecords>();
        services.AddScoped<CarerRecords>();
        return services;
    }
}
