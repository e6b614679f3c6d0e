namespace SecureBase.Staff;

public static class StaffModule
{
    /// <summary>Staff, their disciplines, registration, caseload capacity and working pattern.</summary>
    public static IServiceCollection AddStaffModule(this IServiceCollection services)
    {
        services.AddScoped<StaffRecords>();
        services.AddScoped<IPractitionerRoster, PractitionerRoster>();
        return services;
    }
}
