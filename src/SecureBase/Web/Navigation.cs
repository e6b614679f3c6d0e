using SecureBase.Identity;

namespace SecureBase.Web;

/// <summary>An entry in the main navigation, shown only to users whose roles permit its action.</summary>
public sealed record NavItem(string Label, string Href, SchoolAction Action, string Description);

/// <summary>The main navigation. Each module adds its entries here; the policy table decides who sees them.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("Home", "/", SchoolAction.UseHome, "Your home page"),
        new("My children", "/my-children", SchoolAction.ViewOwnChildren, "Your children's referrals, where each stands, and the consent the school asks you for"),
        new("Pupils", "/pupils", SchoolAction.ViewPupils, "Find pupils, their details and their families"),
        new("Staff", "/staff", SchoolAction.ViewStaff, "The therapy team and school staff: disciplines, caseloads, working patterns"),
        new("Rooms", "/rooms", SchoolAction.ViewRooms, "Rooms, their protected therapy hours and door timetables; book a room"),
        new("Displacements", "/rooms/displacements", SchoolAction.ViewDisplacements, "Sessions moved or lost because their room was taken: by cause, room, week and notice"),
        new("Calendar", "/calendar", SchoolAction.ViewCalendar, "Term dates, half terms, closure days and the lesson timetable"),
        new("EHCPs", "/ehcp", SchoolAction.ViewEhcp, "EHCP provision specified vs delivered, and plans that are out of date"),
        new("Make a referral", "/referrals/new", SchoolAction.MakeReferral, "Ask the therapy team to help a pupil, and follow your referrals"),
        new("Ask for help", "/ask-for-help", SchoolAction.AskForHelp, "Tell the therapy team you would like to talk to someone"),
        new("Referrals", "/referrals", SchoolAction.ViewReferrals, "Every referral, triage and the half-termly review"),
        new("Waiting list", "/waiting-list", SchoolAction.ViewWaitingList, "Pupils waiting for therapy, by priority and wait"),
        new("MDT", "/mdt", SchoolAction.ViewMdt, "The weekly MDT meeting: agenda, minutes, actions, allocation"),
        new("My caseload", "/caseload", SchoolAction.ViewCaseload, "The pupils you are working with"),
        new("Disengagement rule", "/settings/engagement", SchoolAction.ManageEngagementSettings, "When pupils who keep refusing sessions are warned about and their slot released"),
        new("Note settings", "/settings/notes", SchoolAction.ManageNoteSettings, "Whether therapists may consult colleagues' confidential notes"),
        new("Sessions", "/sessions", SchoolAction.ViewSessions, "Your week of sessions: record attendance and engagement, add a drop-in or crisis session"),
        new("Pupils leaving lessons", "/my-lessons/therapy", SchoolAction.ViewTherapyLeavers, "When the pupils you teach leave a lesson for a therapy session, and the classroom strategies shared with you"),
        new("My sessions", "/my-sessions", SchoolAction.ViewOwnSessions, "When and where your next session is, and the ones you came to"),
        new("Timetable", "/timetable", SchoolAction.ViewTimetable, "This week's therapy sessions by room and by practitioner"),
        new("Pupils' lessons", "/timetable/lessons", SchoolAction.ViewPupilLessons, "Pupils' lessons, and the subjects they must not miss for therapy"),
        new("Where is everyone", "/board", SchoolAction.ViewBoard, "Where each practitioner is now, their status and when they are next free"),
        new("Where are my people", "/my-practitioners", SchoolAction.ViewOwnPractitioners, "Where the people who see you are now, and when they are free"),
        new("Pupils' views of rooms", "/rooms/voice", SchoolAction.ViewRoomViews, "What pupils say about the rooms they have sessions in"),
        new("LA referrals", "/referrals/unmatched", SchoolAction.MatchReferrals, "Local authority referrals whose UPN needs matching to a pupil"),
        new("Users", "/admin/users", SchoolAction.ManageUsers, "Accounts, roles, password resets"),
        new("Role requests", "/admin/role-requests", SchoolAction.ApproveRoles, "Roles that read confidential information, waiting for your approval"),
        new("API clients", "/admin/api-clients", SchoolAction.ManageApiClients, "Systems that use SecureBase without a browser: what each may do, their secrets"),
        new("Single sign-on", "/admin/single-sign-on", SchoolAction.ManageSingleSignOn, "Staff sign in with the school's Microsoft or Google accounts: the provider, client and email domains"),
        new("Audit log", "/audit", SchoolAction.ViewAuditLog, "Who did what, and a check that nothing was altered"),
        new("Import", "/admin/import", SchoolAction.ImportData, "Pupils, parents and carers, and staff from the school's information system"),
        new("Export", "/admin/export", SchoolAction.ExportData, "Pupils, parents and carers, and staff as spreadsheets"),
        // Safeguarding (issue 13): the DSL's list, with the count of concerns no DSL has opened yet.
        new("Safeguarding", "/safeguarding", SchoolAction.ViewConcerns, "Safeguarding concerns: unopened first, urgent marked; actions, outcomes and each pupil's chronology"),
        new("ROOT export", "/outcomes/root-export", SchoolAction.ExportRoot, "TOM ratings as a CSV file for the RCSLT's ROOT, pupils by pseudonym"),
        // Reports (issue 12): parents' copies of their children's approved reports; the annual-review batch.
        new("Reports", "/my-children/reports", SchoolAction.ViewChildSessions, "The therapy team's reports about your children that are shared with you, to read and download"),
        new("Strengths and targets", "/my-children/assessments", SchoolAction.ViewChildAssessments, "Your children's strengths and targets from the therapy team's assessments, as shared with you"),
        new("My strengths and targets", "/my-assessments", SchoolAction.ViewOwnAssessments, "What your assessments found you are good at, and what you are working on"),
        new("Annual reviews", "/reports/annual-reviews", SchoolAction.DownloadAnnualReviewBatch, "The therapy contributions to the EHCP annual reviews due this half term, as one PDF"),
        // Staff development and supervision (issue 13).
        new("Supervision", "/supervision", SchoolAction.ViewSupervision, "Who is due or overdue for supervision, the sessions held, and requests for individual supervision"),
        new("Dashboards", "/dashboards", SchoolAction.ViewServiceDashboards, "The service in figures: waits, caseloads, attendance, outcomes, EHCP provision, room disruptions, supervision"),
        new("Authority view", "/dashboards/authority", SchoolAction.ViewAuthorityDashboard, "Therapy across the local authority's schools, anonymised; your care cohort by name"),
        new("Ask for supervision", "/supervision/ask", SchoolAction.AskForSupervision, "Ask the Head of Therapy for individual supervision"),
        new("CPD", "/cpd", SchoolAction.ViewCpd, "Your continuing professional development: courses, hours, reflections and certificates"),
        new("Lone working", "/lone-working", SchoolAction.ViewLoneWorking, "The lone-worker risk assessment: read and acknowledge the current version"),
        new("Training for staff", "/cpd/training", SchoolAction.ViewStaffTraining, "Training the therapy team delivered to school staff, and who attended"),
        // Liaison with families (issue 13): parents write to the therapy team and read meeting summaries; the parents' evening sheet.
        new("Therapy team", "/my-children/therapy-team", SchoolAction.ViewFamilyLiaison, "Summaries of your meetings with the therapy team, and messages to and from the team"),
        new("Parents' evening", "/parents-evening", SchoolAction.PrintParentsEvening, "One printable page per child of what may be shared with their family"),
    ];

    public static IEnumerable<NavItem> For(CurrentUser user) => Items.Where(i => user.Can(i.Action));
}

/// <summary>
/// A count shown beside a navigation entry until its records are dealt with (the DSL's unopened
/// safeguarding concerns). Asked only for users who see the entry.
/// </summary>
public interface INavCount
{
    string Href { get; }

    /// <summary>The count (0 for no badge) and its words for screen readers ("unopened, 1 urgent").</summary>
    Task<(int Count, string Words)> CountAsync(CancellationToken ct);
}
