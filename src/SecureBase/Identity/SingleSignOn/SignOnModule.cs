namespace SecureBase.Identity.SingleSignOn;

/// <summary>Single sign-on with the school's Microsoft Entra ID, Google Workspace or other OpenID Connect accounts (ADR 0017).</summary>
internal static class SignOnModule
{
    public static void AddSingleSignOn(IServiceCollection services)
    {
        services.AddHttpClient(SignOnProtocol.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<SignOnProtocol>();
        services.AddScoped<SchoolAccountLinks>();
    }
}
