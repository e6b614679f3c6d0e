namespace SecureBase.Identity;

/// <summary>The people who use SecureBase (PRODUCT.md section 1). A user holds roles per school.</summary>
public enum Role
{
    Administrator,
    HeadOfTherapy,
    Therapist,
    TherapyAssistant,
    Sendco,
    Headteacher,
    Dsl,
    EducationStaff,
    ParentCarer,
    Pupil,
    LocalAuthorityOfficer,
}

/// <summary>How a role is named to users, and whether it must use two-factor authentication.</summary>
public sealed record RoleInfo(Role Role, string Name, string Who, bool RequiresTwoFactor, bool IsStaff)
{
    public static IReadOnlyList<RoleInfo> All { get; } =
    [
        // Every role that can read confidential content (referral reasons, EHCP detail, caseloads,
        // safeguarding) signs in with two factors; administrators too, as they can reset any password.
        new(Role.Administrator, "Administrator", "School office or IT: users, rooms, calendar, imports", true, true),
        new(Role.HeadOfTherapy, "Head of Therapy", "Leads the therapy team: triage, allocation, all caseloads", true, true),
        new(Role.Therapist, "Therapist", "SaLT, OT, counsellor, psychotherapist, creative and CBT therapists, clinical psychologist", true, true),
        new(Role.TherapyAssistant, "Therapy assistant / ELSA", "Delivers sessions under a lead therapist", true, true),
        new(Role.Sendco, "SENDCo", "Special educational needs coordinator: EHCP provision", true, true),
        new(Role.Headteacher, "Headteacher / senior leader", "Half-termly referral review and service dashboards", true, true),
        new(Role.Dsl, "Designated Safeguarding Lead", "Safeguarding concerns and their chronology", true, true),
        new(Role.EducationStaff, "Education staff", "Teachers, tutors and pastoral leads: referrals and classroom strategies", false, true),
        new(Role.ParentCarer, "Parent / carer", "Referral status, appointments and shared reports for their child", false, false),
        new(Role.Pupil, "Pupil", "Where and when my sessions are; asking for help", false, false),
        // Two factors: a virtual-school officer sees the named pupils of their care cohort and whether each is in therapy.
        new(Role.LocalAuthorityOfficer, "Local authority officer", "Anonymised figures across the authority's schools; the care cohort by name", true, true),
    ];

    public static RoleInfo Of(Role role) => All.First(r => r.Role == role);
}
