namespace SecureBase.Referrals;

public static class ReferralsModule
{
    /// <summary>Referrals by all four routes, triage, the half-termly review and the waiting list.</summary>
    public static IServiceCollection AddReferralsModule(this IServiceCollection services)
    {
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralReading>();
        services.AddScoped<ReferralHistory>();
        services.AddScoped<ReferralDecisions>();
        services.AddScoped<ReferralAlerts>();
        services.AddScoped<ReferralConsent>();
        services.AddScoped<WaitingList>();
        services.AddScoped<IReferralWaits, ReferralWaits>();
        services.AddScoped<HalfTermlyReview>();
        return services;
    }
}
