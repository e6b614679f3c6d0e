using SecureBase.Web;

namespace SecureBase.Outcomes;

public static class OutcomesModule
{
    /// <summary>
    /// Outcomes (issue 12, C9): TOM ratings with their due tasks and charts, goal-based outcome scores,
    /// SDQs, the ROOT export, assessments profiles (strengths and targets shown to each reader as marked), and <see cref="IOutcomeSummaries"/> for other modules.
    /// </summary>
    public static IServiceCollection AddOutcomesModule(this IServiceCollection services)
    {
        services.AddScoped<OutcomeDesk>();
        services.AddScoped<RootExport>();
        services.AddScoped<AssessmentProfiles>();
        services.AddScoped<IOutcomeSummaries, OutcomeSummaries>();
        services.AddScoped<ITomChanges, TomChanges>();
        services.AddScoped<IHomeTasks, TomHomeTasks>();
        return services;
    }

    /// <summary>The outcomes API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder api) => api.MapOutcomesApi().MapAssessmentsApi();
}
