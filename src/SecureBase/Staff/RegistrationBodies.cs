namespace SecureBase.Staff;

public static class RegistrationBodies
{
    public static string Name(RegistrationBody b) => b switch
    {
        RegistrationBody.None => "Not registered",
        RegistrationBody.Hcpc => "HCPC",
        RegistrationBody.Bacp => "BACP",
        RegistrationBody.Ukcp => "UKCP",
        RegistrationBody.Bapt => "BAPT",
        RegistrationBody.Other => "Another register",
    };

    public static string Responsibility(StaffResponsibility r) => r switch
    {
        StaffResponsibility.ReviewCoordinator => "EHCP review co-ordinator",
        StaffResponsibility.HeadOfSchool => "Head of school or phase",
        StaffResponsibility.PastoralLead => "Pastoral lead or tutor",
        _ => r.ToString(),
    };
}
