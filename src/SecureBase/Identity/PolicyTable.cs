using System.Collections.Frozen;
using System.Text;

namespace SecureBase.Identity;

/// <summary>
/// Something a user can do in SecureBase. Every page and API endpoint declares exactly one action
/// per HTTP method with <see cref="PermitsAttribute"/>; <see cref="PolicyTable"/> says which roles
/// may do it and for which records.
/// </summary>
public enum SchoolAction
{
    // Account-level: any signed-in user, before a school or second factor is settled.
    ManageOwnAccount,
    ChooseSchool,

    // Everyone in a school.
    UseHome,
    ViewSchool,
    ViewNotifications,

    // Administration.
    ViewRoleCatalogue,
    ManageUsers,
    /// <summary>Approve or refuse a role that reads confidential data, asked for by an administrator.</summary>
    ApproveRoles,
    ViewAuditLog,
    /// <summary>Register the school's API clients (information systems, scripts), choose what each may do, rotate or revoke their secrets.</summary>
    ManageApiClients,
    /// <summary>Set up the school's single sign-on: its OpenID Connect provider, client id and secret, allowed email domains, on or off.</summary>
    ManageSingleSignOn,

    // Pupils and families (C1).
    /// <summary>Find pupils by name, year and tutor group: the directory staff need to refer or allocate.</summary>
    ViewPupils,
    /// <summary>A pupil's full record: date of birth, UPN, SEN status, care-experienced, pupil premium.</summary>
    ViewPupilRecord,
    ManagePupils,
    /// <summary>Parents' and carers' contact details and links (never shown through a restricted link).</summary>
    ViewCarers,
    ManageCarers,

    // Staff (C1).
    ViewStaff,
    ManageStaff,

    // School calendar (C1).
    ViewCalendar,
    ManageCalendar,

    // EHCP provision (C2).
    ViewEhcp,
    ManageEhcp,

    // Import and export from the school's information system.
    ImportData,
    ExportData,

    // Referrals and the waiting list (C3).
    /// <summary>Refer a pupil: staff any pupil, a parent their own child.</summary>
    MakeReferral,
    /// <summary>A pupil's own request for help: the child-friendly self-referral.</summary>
    AskForHelp,
    /// <summary>The status of referrals the user made (and nothing else about the pupil's therapy).</summary>
    ViewOwnReferrals,
    /// <summary>Every referral of the school, with its reasons and decisions.</summary>
    ViewReferrals,
    /// <summary>A parent's page about their own children: the referrals the school has told them of, where each stands, the consent asked of them.</summary>
    ViewOwnChildren,
    /// <summary>A parent's answer when the school asks for consent to a referral about their child.</summary>
    GiveConsent,
    /// <summary>The Head of Therapy's decisions: review, accept, redirect, decline, close, ask the parents for consent.</summary>
    TriageReferrals,
    /// <summary>The half-termly review of open referrals with the headteacher.</summary>
    ReviewReferrals,
    ViewWaitingList,
    /// <summary>Match a local authority referral whose UPN matched no pupil, or say it is not a pupil of this school.</summary>
    MatchReferrals,

    // The MDT meeting and allocation (C4).
    ViewMdt,
    RunMdt,
    AllocateTherapist,
    /// <summary>A practitioner's own caseload (the Head of Therapy sees every caseload).</summary>
    ViewCaseload,
    /// <summary>A therapist's clinical judgement that a pupil is not ready: back to the waiting list.</summary>
    DeclareNotReady,
    /// <summary>Mark an MDT action one owns as done.</summary>
    CompleteOwnActions,

    // The weekly timetable (C5/C6).
    /// <summary>A pupil's weekly lessons (from the information system) and which subjects they must not miss for therapy.</summary>
    ViewPupilLessons,
    /// <summary>Mark the subjects a pupil must not miss (protected) or should preferably not miss (avoid) for therapy: the SENDCo.</summary>
    MarkProtectedLessons,
    /// <summary>Ask for a proposed timetable, accept it, and re-plan a disrupted week: the Head of Therapy.</summary>
    PlanTimetable,
    /// <summary>A week's therapy sessions by room and by practitioner: a practitioner their own, senior staff every one (pupils named only to those who see the caseload).</summary>
    ViewTimetable,
    /// <summary>Move one session (or the series from a date) to another time or room, or cancel one: the Head of Therapy.</summary>
    AdjustTimetable,

    // Safeguarding (C11): the details belong to the DSL and deputies.
    /// <summary>A safeguarding worry in the words of the person who raised it (e.g. on a referral).</summary>
    ViewSafeguardingDetails,
    /// <summary>That a safeguarding follow-up is due for a pupil (the MDT agenda), without the details.</summary>
    ViewSafeguardingFollowUps,

    // Rooms, protected therapy time and bookings (C5).
    /// <summary>The school's rooms: features, equipment, capacity, therapy hours, bookings and the printable door timetable.</summary>
    ViewRooms,
    /// <summary>Add and change rooms and their therapy hours, set the notice for booking over them, cancel anyone's booking.</summary>
    ManageRooms,
    /// <summary>Book a room for another use (a meeting, an exam, an interview) and cancel one's own bookings.</summary>
    BookRooms,
    /// <summary>Sessions displaced because their room was taken, and the analytics by cause, room, week and notice (no pupil named).</summary>
    ViewDisplacements,
    // Where is my practitioner, and calendar feeds (C5/C6, issue 10).
    /// <summary>The board: where each practitioner is now, their status and when they are next free (no pupil is named).</summary>
    ViewBoard,
    /// <summary>A practitioner sets their own status (free for drop-in, in a meeting, at lunch...) and when they are back.</summary>
    SetOwnStatus,
    /// <summary>A pupil's own view of the practitioners who work with them: where each is now and when they are next free.</summary>
    ViewOwnPractitioners,
    /// <summary>A pupil's answers about the rooms they have sessions in.</summary>
    GiveRoomViews,
    /// <summary>Pupils' views about the rooms, as counts per room; names only to the pupil's own practitioner.</summary>
    ViewRoomViews,
    /// <summary>One's own secret calendar feed address: make, renew or revoke it.</summary>
    ManageOwnFeeds,
    // The 6-week disengagement rule (issue 11).
    /// <summary>An episode's run of refused weeks, the strategies tried to engage the pupil, and whether parents are told: the pupil's practitioner, the Head of Therapy any.</summary>
    RecordEngagementEfforts,
    /// <summary>The school's thresholds for the disengagement rule (warn after 3 weeks, release the slot after 6): the Head of Therapy.</summary>
    ManageEngagementSettings,

    // The 12-week cycle on an episode (C7, issue 11).
    /// <summary>An episode's cycle, week and phase, situation analysis, goals, checks, reviews and discharge: the pupil's own practitioner and the Head of Therapy.</summary>
    ViewEpisode,
    /// <summary>Record the cycle's work on an episode: situation analysis, SMART goals and ratings, checks, tier and modality, the confidentiality statement shown, a termly review.</summary>
    RecordEpisodeCycle,
    /// <summary>Discharge a pupil from therapy with a reason and a short summary.</summary>
    DischargeEpisode,
    /// <summary>The termly reviews due across the school (West Heath: "Therapy is not open-ended").</summary>
    ViewReviewsDue,

    // Sessions and attendance (C8, issue 11).
    /// <summary>A practitioner's week of therapy sessions, recorded or to record, with each pupil's attendance and engagement.</summary>
    ViewSessions,
    /// <summary>Record a session's attendance, engagement and minutes (one's own; the Head of Therapy any), correct it, add a drop-in or crisis session.</summary>
    RecordSessions,
    /// <summary>A parent's view of their child's appointment times and attendance (never notes or engagement).</summary>
    ViewChildSessions,
    /// <summary>A pupil's own sessions in plain words: when and where the next is, and the ones they came to.</summary>
    ViewOwnSessions,

    // Confidential session notes (issue 11, Sessions/Notes).
    /// <summary>Open a confidential session or progress note: its author, the pupil's own therapist, the Head of Therapy, a therapist consulting where the school allows it (NoteBook); every read audited with its reason.</summary>
    ViewSessionNotes,
    /// <summary>Write notes for the sessions one held and progress notes on one's own episodes, edit them until they lock, sign them, add addenda.</summary>
    WriteSessionNotes,
    /// <summary>The school's note settings: whether therapists may consult colleagues' notes (West Heath exception 4).</summary>
    ManageNoteSettings,

    // What teachers see (issue 11, Caseload/Classroom).
    /// <summary>A teacher's list of the pupils they teach who leave lessons for therapy in the coming fortnight: date, period, "therapy session" (never which therapy, with whom, where, or notes), and the classroom strategies shared with them.</summary>
    ViewTherapyLeavers,
    /// <summary>A pupil's classroom strategies: the ones shared with teachers for the pupils they teach; every one (shared or not) for the pupil's own practitioner and the Head of Therapy.</summary>
    ViewClassroomStrategies,
    /// <summary>Write classroom strategies for a pupil and choose which to share with their teachers: the pupil's own practitioner, the Head of Therapy any.</summary>
    ManageClassroomStrategies,

    // Email (issue 15, Notifications/Email).
    /// <summary>The school's mail relay for the emails that say "you have something to read in SecureBase", and how they are going.</summary>
    ConfigureEmail,
    // Safeguarding concerns worked through by the DSL (issue 13, C11).
    /// <summary>Raise a safeguarding concern about a pupil of one's school (any member of staff); the raiser is told it was received, never the chronology.</summary>
    RaiseConcern,
    /// <summary>The DSL's (and deputies') list of concerns and each concern in full: what was written, addenda, actions, outcome, sharing; every read audited.</summary>
    ViewConcerns,
    /// <summary>Work a concern through: record actions (with owner and date), an outcome that closes it, addenda, and share it with a named member of staff with a reason.</summary>
    WorkConcerns,
    /// <summary>The concerns the DSL shared with the user themself (Scope.Self: only those), audited.</summary>
    ViewSharedConcern,
    /// <summary>A pupil's safeguarding chronology, printable: the DSL every concern; a member of staff only the concerns shared with them.</summary>
    ViewChronology,
    /// <summary>Send a pupil's child protection file to the DSL of another school of the installation when the pupil moves, and confirm receipt of a file sent to one's own school.</summary>
    TransferChildProtectionFile,
    /// <summary>The school's safeguarding settings: how many school weeks running of missed sessions make a "was not brought" pattern.</summary>
    ChangeSafeguardingSettings,
    // Outcomes (issue 12, C9, Outcomes/): confidential to the therapy team within the pupil's circle.
    /// <summary>An episode's outcomes: TOM ratings and their chart, goal-based scores, SDQs: the pupil's own practitioner and the Head of Therapy.</summary>
    ViewOutcomes,
    /// <summary>Record a TOM rating (baseline, interim, final) on an episode: the pupil's own practitioner, the Head of Therapy any.</summary>
    RecordTom,
    /// <summary>Record an SDQ (parent, teacher or self-report subscale scores) on an episode: the pupil's own practitioner, the Head of Therapy any.</summary>
    RecordSdq,
    /// <summary>Download the TOM ratings as CSV for ROOT, by date range and discipline, pupils by pseudonym: the Head of Therapy.</summary>
    ExportRoot,
    /// <summary>A pupil's assessments profile (strengths and targets): every item for the therapy team; the items marked for staff for the pupil's teachers and the SENDCo.</summary>
    ViewAssessmentProfile,
    /// <summary>Write strengths and targets on a pupil's assessments profile, mark whom each may be shared with, change or remove them, and print the profile for other professionals: the pupil's practitioner, the Head of Therapy any.</summary>
    ManageAssessmentProfile,
    /// <summary>A parent's view of the strengths and targets marked for parents, for their own children.</summary>
    ViewChildAssessments,
    /// <summary>A pupil's own strengths and targets, the ones marked for them.</summary>
    ViewOwnAssessments,
    // Reports (issue 12, C10): written from the structured record, approved before anyone else reads them.
    /// <summary>Write and edit a report on an episode (an approved one gets a new version): the pupil's own practitioner, the Head of Therapy any; the therapy team reads drafts.</summary>
    WriteReport,
    /// <summary>Approve a draft report so its audience may read it: the pupil's own practitioner or the Head of Therapy.</summary>
    ApproveReport,
    /// <summary>Read a report and download its PDF: the therapy team any version; the SENDCo, a parent of their own child and the pupil only approved reports shared with them.</summary>
    ViewReport,
    /// <summary>The annual-review contributions due this half term, and all of them as one PDF: the Head of Therapy and the SENDCo.</summary>
    DownloadAnnualReviewBatch,
    // Staff development and supervision (C12, issue 13, Development/).
    /// <summary>Supervision: the Head of Therapy every practitioner's standing (last, next due, overdue) and every session's date and people; a practitioner their own. Notes only for the supervisor and supervisees.</summary>
    ViewSupervision,
    /// <summary>Record a supervision session: the supervisor their own, the Head of Therapy any.</summary>
    RecordSupervision,
    /// <summary>Set each practitioner's required supervision frequency and answer requests for individual supervision.</summary>
    ManageSupervision,
    /// <summary>Ask the Head of Therapy for individual supervision (Serenity: "some staff voluntarily ask for support").</summary>
    AskForSupervision,
    /// <summary>CPD records: one's own; the Head of Therapy everyone's (evidence files included).</summary>
    ViewCpd,
    /// <summary>Record one's own CPD (title, date, hours, provider, reflection, an optional certificate).</summary>
    RecordCpd,
    /// <summary>The training the therapy team delivered to school staff, with who attended.</summary>
    ViewStaffTraining,
    /// <summary>Record training delivered to school staff and its attendance.</summary>
    RecordStaffTraining,
    /// <summary>The current lone-worker risk assessment; the Head of Therapy also who has not acknowledged it.</summary>
    ViewLoneWorking,
    /// <summary>Acknowledge the current lone-worker risk assessment (one's own acknowledgement).</summary>
    AcknowledgeLoneWorking,
    /// <summary>Publish a new version of the lone-worker risk assessment (everyone is asked again).</summary>
    ManageLoneWorking,
    // Liaison with families and agencies (C13, issue 13, Liaison/): the therapy team within the pupil's circle.
    /// <summary>A pupil's contact log (agencies and family), family meetings with their team notes, and the family's messages: the Head of Therapy and the pupil's own practitioners; every read audited.</summary>
    ViewLiaison,
    /// <summary>Log a contact, mark a follow-up done, record a family meeting, write its summary for the family, reply to a family's message.</summary>
    RecordLiaison,
    /// <summary>Approve a family meeting's summary so the family reads it in the portal: the practitioner who wrote it or the Head of Therapy.</summary>
    ApproveFamilySummary,
    /// <summary>Print the parents' evening sheet: per child, what may be shared with the family.</summary>
    PrintParentsEvening,
    /// <summary>A parent's view of the approved family meeting summaries and their conversations with the therapy team, for their own child.</summary>
    ViewFamilyLiaison,
    /// <summary>A parent writes to the therapy team about their own child.</summary>
    MessageTherapyTeam,

    // Service dashboards and the local authority view (issue 12, C14, Dashboards/).
    /// <summary>The service dashboards: referrals and waits, caseloads against capacity, attendance, TOM change, EHCP provision, room disruptions, supervision; the Head of Therapy exact figures, the headteacher anonymised (small counts suppressed, no names).</summary>
    ViewServiceDashboards,
    /// <summary>The EHCP pupils below 80% of their specified therapy provision this year, by name: the SENDCo and the Head of Therapy.</summary>
    ViewProvisionShortfall,
    /// <summary>The local authority view across the authority's schools, anonymised (counts below 5 suppressed); a virtual-school officer also sees the named pupils of their care cohort.</summary>
    ViewAuthorityDashboard,
}

/// <summary>
/// Which records of the school an action reaches for a role: the relationship between the user
/// and the record. A role may hold several at once (a therapist's own caseload and own referrals).
/// </summary>
[Flags]
public enum Scope
{
    None = 0,

    /// <summary>Every record of the user's school.</summary>
    School = 1,

    /// <summary>Pupils with an open therapy episode held by the user.</summary>
    OwnCaseload = 2,

    /// <summary>Sessions the user delivers (therapy assistants and ELSAs).</summary>
    DeliveredBySelf = 4,

    /// <summary>Children the user is linked to as a parent or carer, unless the link is restricted.</summary>
    OwnChild = 8,

    /// <summary>The pupil themself.</summary>
    Self = 16,

    /// <summary>Referrals the user made.</summary>
    OwnReferrals = 32,

    /// <summary>Counts and rates only: no pupil can be identified.</summary>
    Anonymised = 64,

    /// <summary>Pupils in the local authority officer's care cohort (virtual school).</summary>
    CareCohort = 128,

    /// <summary>Pupils the user teaches. Lessons imported from the information system do not name their teacher yet, so for now: the pupils of the tutor group the user is tutor for.</summary>
    TaughtBySelf = 256,
}

/// <summary>One row of the policy table: a role may do an action for the records in a scope.</summary>
public readonly record struct Grant(Role Role, SchoolAction Action, Scope Scope);

/// <summary>
/// Who may do what, declared once. Pages, API endpoints, navigation and query scoping all read
/// this table; the authorization tests are generated from it. Read it with PRODUCT.md section 1.
/// </summary>
public static class PolicyTable
{
    private static readonly Role[] Everyone = Enum.GetValues<Role>();

    /// <summary>Everyone who works in the school (not parents, pupils or the local authority).</summary>
    private static readonly Role[] StaffInSchool =
        [Role.Administrator, Role.HeadOfTherapy, Role.Therapist, Role.TherapyAssistant, Role.Sendco, Role.Headteacher, Role.Dsl, Role.EducationStaff];

    private static readonly Dictionary<SchoolAction, Dictionary<Role, Scope>> Rows = new()
    {
        // The 12-week cycle (issue 11): confidential therapy work, for the pupil's own practitioner and the Head of Therapy only.
        [SchoolAction.ViewEpisode] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.RecordEpisodeCycle] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.DischargeEpisode] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.ViewReviewsDue] = new() { [Role.HeadOfTherapy] = Scope.School },

        // Service dashboards (issue 12): the headteacher's figures are anonymised (Dashboards/SmallNumbers); the SENDCo opens the
        // named list of EHCP pupils below 80% delivered; the local authority officer sees anonymised figures across the authority's
        // schools and the named pupils of their care cohort (care-experienced pupils) only.
        [SchoolAction.ViewServiceDashboards] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Headteacher] = Scope.Anonymised },
        [SchoolAction.ViewProvisionShortfall] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Sendco] = Scope.School },
        [SchoolAction.ViewAuthorityDashboard] = new() { [Role.LocalAuthorityOfficer] = Scope.Anonymised | Scope.CareCohort },

        // What teachers see (issue 11): when the pupils they teach leave for therapy (never which therapy or notes), and the
        // classroom strategies the pupil's practitioner chose to share; unshared strategies stay with the practitioners.
        [SchoolAction.ViewTherapyLeavers] = new() { [Role.EducationStaff] = Scope.TaughtBySelf },
        [SchoolAction.ViewClassroomStrategies] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload, [Role.EducationStaff] = Scope.TaughtBySelf },
        [SchoolAction.ManageClassroomStrategies] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },

        [SchoolAction.ManageOwnAccount] = Each(Everyone, Scope.Self),
        [SchoolAction.ChooseSchool] = Each(Everyone, Scope.Self),
        [SchoolAction.UseHome] = Each(Everyone, Scope.Self),
        [SchoolAction.ViewSchool] = Each(Everyone, Scope.School),
        [SchoolAction.ViewNotifications] = Each(Everyone, Scope.Self),

        // Confidential session notes: never the SENDCo, headteacher, DSL, teachers, parents, pupils or administrator.
        // A therapist reads beyond their caseload only where the school allows team consultation (NoteBook);
        // an ELSA / therapy assistant only their own notes.
        [SchoolAction.ViewSessionNotes] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.WriteSessionNotes] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.ManageNoteSettings] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.ConfigureEmail] = new() { [Role.Administrator] = Scope.School },

        [SchoolAction.ViewRoleCatalogue] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
        },
        [SchoolAction.ManageUsers] = new()
        {
            [Role.Administrator] = Scope.School,
        },
        // Who approves which role is decided by RoleApproval; the table says who may open the requests.
        [SchoolAction.ApproveRoles] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Headteacher] = Scope.School,
            [Role.Dsl] = Scope.School,
        },
        // API clients (issue 15): the administrator who runs the school's accounts registers its systems too.
        [SchoolAction.ManageApiClients] = new() { [Role.Administrator] = Scope.School },
        // Single sign-on (issue 15): the administrator who runs the school's accounts says which provider they sign in with.
        [SchoolAction.ManageSingleSignOn] = new() { [Role.Administrator] = Scope.School },
        [SchoolAction.ViewAuditLog] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
        },

        [SchoolAction.ViewPupils] = Each(StaffInSchool, Scope.School),
        [SchoolAction.ViewPupilRecord] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
            [Role.Dsl] = Scope.School,
            [Role.ParentCarer] = Scope.OwnChild,
            [Role.Pupil] = Scope.Self,
        },
        [SchoolAction.ManagePupils] = new() { [Role.Administrator] = Scope.School },
        [SchoolAction.ViewCarers] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.Sendco] = Scope.School,
            [Role.Dsl] = Scope.School,
        },
        [SchoolAction.ManageCarers] = new() { [Role.Administrator] = Scope.School },

        [SchoolAction.ViewStaff] = Each(StaffInSchool, Scope.School),
        [SchoolAction.ManageStaff] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
        },

        // Term dates are public; every member of the school may see them.
        [SchoolAction.ViewCalendar] = Each(Everyone.Where(r => r != Role.LocalAuthorityOfficer), Scope.School),
        [SchoolAction.ManageCalendar] = new() { [Role.Administrator] = Scope.School },

        [SchoolAction.ViewEhcp] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
            [Role.ParentCarer] = Scope.OwnChild,
        },
        [SchoolAction.ManageEhcp] = new()
        {
            [Role.Sendco] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
        },

        [SchoolAction.ImportData] = new() { [Role.Administrator] = Scope.School },
        [SchoolAction.ExportData] = new() { [Role.Administrator] = Scope.School },

        // All four routes of Westbourne's policy; an administrator enters the local authority's.
        [SchoolAction.MakeReferral] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.School,
            [Role.TherapyAssistant] = Scope.School,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
            [Role.Dsl] = Scope.School,
            [Role.EducationStaff] = Scope.School,
            [Role.ParentCarer] = Scope.OwnChild,
            // The authority refers any pupil by UPN and is told only "received": it reaches no pupil's record
            // (its care cohort once that is kept).
            [Role.LocalAuthorityOfficer] = Scope.CareCohort,
        },
        [SchoolAction.AskForHelp] = new() { [Role.Pupil] = Scope.Self },
        [SchoolAction.ViewOwnReferrals] = Each(Everyone, Scope.OwnReferrals),
        // A practitioner reads the referral of a pupil on their own caseload; senior staff read any,
        // giving a reason where no relationship explains it (ReferralReading).
        [SchoolAction.ViewReferrals] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
            [Role.Dsl] = Scope.School,
        },
        [SchoolAction.ViewOwnChildren] = new() { [Role.ParentCarer] = Scope.OwnChild },
        [SchoolAction.GiveConsent] = new() { [Role.ParentCarer] = Scope.OwnChild },
        [SchoolAction.TriageReferrals] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.MatchReferrals] = new() { [Role.Administrator] = Scope.School },
        [SchoolAction.ReviewReferrals] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Headteacher] = Scope.School,
        },
        [SchoolAction.ViewWaitingList] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.School,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
        },
        // A therapy assistant / ELSA sees the agenda items of the pupils they work with and the actions they own.
        [SchoolAction.ViewMdt] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.School,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.RunMdt] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.AllocateTherapist] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.ViewCaseload] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.DeclareNotReady] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
        },
        [SchoolAction.CompleteOwnActions] = Each(StaffInSchool, Scope.Self),
        // The weekly timetable: pupils' lessons are imported by the office (ImportData); the SENDCo marks the
        // subjects a pupil must not miss; the Head of Therapy plans around them; a therapist sees their own pupils'.
        [SchoolAction.ViewPupilLessons] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.Sendco] = Scope.School,
        },
        [SchoolAction.MarkProtectedLessons] = new() { [Role.Sendco] = Scope.School },
        [SchoolAction.PlanTimetable] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.ViewTimetable] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.DeliveredBySelf,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
            [Role.Sendco] = Scope.School,
            [Role.Headteacher] = Scope.School,
        },
        [SchoolAction.AdjustTimetable] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.ViewSafeguardingDetails] = new() { [Role.Dsl] = Scope.School },
        [SchoolAction.ViewSafeguardingFollowUps] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Dsl] = Scope.School,
        },

        // Rooms: kept by the office and the head of therapy, read and booked by every member of staff.
        [SchoolAction.ViewRooms] = Each(StaffInSchool, Scope.School),
        [SchoolAction.ManageRooms] = new()
        {
            [Role.Administrator] = Scope.School,
            [Role.HeadOfTherapy] = Scope.School,
        },
        [SchoolAction.BookRooms] = Each(StaffInSchool, Scope.School),
        [SchoolAction.ViewDisplacements] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Headteacher] = Scope.School,
        },
        // Where is my practitioner (issue 10). The board names practitioners and rooms, never pupils: every
        // member of staff may see it (and the reception screen signs in as one).
        [SchoolAction.ViewBoard] = Each(StaffInSchool, Scope.School),
        [SchoolAction.SetOwnStatus] = new()
        {
            [Role.HeadOfTherapy] = Scope.Self,
            [Role.Therapist] = Scope.Self,
            [Role.TherapyAssistant] = Scope.Self,
        },
        [SchoolAction.ViewOwnPractitioners] = new() { [Role.Pupil] = Scope.Self },
        [SchoolAction.GiveRoomViews] = new() { [Role.Pupil] = Scope.Self },
        // Counts per room for the Head of Therapy; a practitioner reads their own pupils' answers with names.
        [SchoolAction.ViewRoomViews] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        // Staff feeds carry their own sessions (pupils by initials); a parent's their children's appointments.
        [SchoolAction.ManageOwnFeeds] = new()
        {
            [Role.HeadOfTherapy] = Scope.Self,
            [Role.Therapist] = Scope.Self,
            [Role.TherapyAssistant] = Scope.Self,
            [Role.ParentCarer] = Scope.OwnChild,
        },
        // The 6-week disengagement rule: what was tried is therapy content, for the pupil's practitioner and the Head of Therapy.
        [SchoolAction.RecordEngagementEfforts] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
        },
        [SchoolAction.ManageEngagementSettings] = new() { [Role.HeadOfTherapy] = Scope.School },
        // Sessions and attendance (issue 11): a practitioner their own sessions and their own caseload's; the Head of
        // Therapy every one. Parents see times and attendance of their own child, a pupil their own sessions.
        [SchoolAction.ViewSessions] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload | Scope.DeliveredBySelf,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.RecordSessions] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload | Scope.DeliveredBySelf,
            [Role.TherapyAssistant] = Scope.DeliveredBySelf,
        },
        [SchoolAction.ViewChildSessions] = new() { [Role.ParentCarer] = Scope.OwnChild },
        [SchoolAction.ViewOwnSessions] = new() { [Role.Pupil] = Scope.Self },

        // Safeguarding concerns (issue 13): any member of staff raises one; the text belongs to the DSL and deputies, and to
        // the people the DSL shares a concern with (that concern only). Teachers, therapists, the headteacher, SENDCo,
        // parents and pupils never read it.
        [SchoolAction.RaiseConcern] = Each(StaffInSchool, Scope.School),
        [SchoolAction.ViewConcerns] = new() { [Role.Dsl] = Scope.School },
        [SchoolAction.WorkConcerns] = new() { [Role.Dsl] = Scope.School },
        [SchoolAction.ViewSharedConcern] = Each(StaffInSchool.Where(r => r != Role.Dsl), Scope.Self),
        // Child protection files move between the DSLs of two schools only (KCSIE); the threshold for "was not brought" is a safeguarding
        // judgement, so the DSL keeps it rather than the administrator.
        [SchoolAction.TransferChildProtectionFile] = new() { [Role.Dsl] = Scope.School },
        [SchoolAction.ChangeSafeguardingSettings] = new() { [Role.Dsl] = Scope.School },
        [SchoolAction.ViewChronology] = new()
        {
            [Role.Administrator] = Scope.Self,
            [Role.HeadOfTherapy] = Scope.Self,
            [Role.Therapist] = Scope.Self,
            [Role.TherapyAssistant] = Scope.Self,
            [Role.Sendco] = Scope.Self,
            [Role.Headteacher] = Scope.Self,
            [Role.Dsl] = Scope.School,
            [Role.EducationStaff] = Scope.Self,
        },
        // Outcomes (issue 12): TOM, goal-based scores and SDQs are therapy content for the pupil's practitioner and the Head of
        // Therapy. Not the SENDCo (PRODUCT.md section 1: shared reports, not the measures), nor the headteacher (anonymised
        // outcomes on the dashboards), nor teachers ("may NOT see outcomes").
        [SchoolAction.ViewOutcomes] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.RecordTom] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.RecordSdq] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.ExportRoot] = new() { [Role.HeadOfTherapy] = Scope.School },
        // The assessments profile (issue 12, Westbourne): the therapy team writes and marks each item; each reader sees only the
        // items marked for them: staff (the pupil's teachers, the SENDCo), parents (own child), the pupil (themself).
        [SchoolAction.ViewAssessmentProfile] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.Sendco] = Scope.School,
            [Role.EducationStaff] = Scope.TaughtBySelf,
        },
        [SchoolAction.ManageAssessmentProfile] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.ViewChildAssessments] = new() { [Role.ParentCarer] = Scope.OwnChild },
        [SchoolAction.ViewOwnAssessments] = new() { [Role.Pupil] = Scope.Self },
        // Reports (issue 12): the therapy team writes and approves; the audience named on an approved report reads it.
        [SchoolAction.WriteReport] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.ApproveReport] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload },
        [SchoolAction.ViewReport] = new()
        {
            [Role.HeadOfTherapy] = Scope.School,
            [Role.Therapist] = Scope.OwnCaseload,
            [Role.Sendco] = Scope.School,
            [Role.ParentCarer] = Scope.OwnChild,
            [Role.Pupil] = Scope.Self,
        },
        [SchoolAction.DownloadAnnualReviewBatch] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Sendco] = Scope.School },
        // Staff development and supervision (issue 13): about staff, not pupils. Supervision notes are for the supervisor and
        // supervisees only (SupervisionDesk), the Head of Therapy included only when they took part.
        [SchoolAction.ViewSupervision] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.Self, [Role.TherapyAssistant] = Scope.Self },
        [SchoolAction.RecordSupervision] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.Self },
        [SchoolAction.ManageSupervision] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.AskForSupervision] = Each(StaffInSchool.Where(r => r != Role.HeadOfTherapy), Scope.Self),
        [SchoolAction.ViewCpd] = StaffInSchool.ToDictionary(r => r, r => r == Role.HeadOfTherapy ? Scope.School : Scope.Self),
        [SchoolAction.RecordCpd] = Each(StaffInSchool, Scope.Self),
        [SchoolAction.ViewStaffTraining] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.School, [Role.TherapyAssistant] = Scope.School },
        [SchoolAction.RecordStaffTraining] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.School },
        [SchoolAction.ViewLoneWorking] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.Self, [Role.TherapyAssistant] = Scope.Self },
        [SchoolAction.AcknowledgeLoneWorking] = new() { [Role.HeadOfTherapy] = Scope.Self, [Role.Therapist] = Scope.Self, [Role.TherapyAssistant] = Scope.Self },
        [SchoolAction.ManageLoneWorking] = new() { [Role.HeadOfTherapy] = Scope.School },
        // Liaison (issue 13, C13): the contact log, family meetings and the family's messages are for the therapy team within the
        // pupil's circle: the Head of Therapy and the pupil's own practitioners. Not teachers, the SENDCo, the headteacher or the DSL
        // (a safeguarding worry goes to the DSL as a concern); parents see only approved summaries and their own conversations.
        [SchoolAction.ViewLiaison] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload, [Role.TherapyAssistant] = Scope.DeliveredBySelf },
        [SchoolAction.RecordLiaison] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload, [Role.TherapyAssistant] = Scope.DeliveredBySelf },
        [SchoolAction.ApproveFamilySummary] = new() { [Role.HeadOfTherapy] = Scope.School, [Role.Therapist] = Scope.OwnCaseload, [Role.TherapyAssistant] = Scope.DeliveredBySelf },
        [SchoolAction.PrintParentsEvening] = new() { [Role.HeadOfTherapy] = Scope.School },
        [SchoolAction.ViewFamilyLiaison] = new() { [Role.ParentCarer] = Scope.OwnChild },
        [SchoolAction.MessageTherapyTeam] = new() { [Role.ParentCarer] = Scope.OwnChild },
    };

    /// <summary>Actions no API client may ever be given, whatever its grant says.</summary>
    public static IReadOnlySet<SchoolAction> NeverForSystems => NeverForSystemsSet;

    private static readonly HashSet<SchoolAction> NeverForSystemsSet =
    [
        SchoolAction.ManageOwnAccount, SchoolAction.ChooseSchool, SchoolAction.ManageUsers, SchoolAction.ApproveRoles,
        SchoolAction.ManageApiClients, SchoolAction.ManageSingleSignOn, SchoolAction.ViewAuditLog,
        SchoolAction.ViewSessionNotes, SchoolAction.WriteSessionNotes, SchoolAction.ManageNoteSettings,
        SchoolAction.ViewSafeguardingDetails, SchoolAction.ViewSafeguardingFollowUps, SchoolAction.RaiseConcern,
        SchoolAction.ViewConcerns, SchoolAction.WorkConcerns, SchoolAction.ViewSharedConcern, SchoolAction.ViewChronology,
        SchoolAction.ViewReferrals, SchoolAction.TriageReferrals, SchoolAction.ViewEpisode, SchoolAction.ViewOutcomes,
        SchoolAction.ViewReport, SchoolAction.ViewEhcp, SchoolAction.ViewCarers, SchoolAction.ViewPupilRecord,
        SchoolAction.ViewMdt, SchoolAction.ViewCaseload, SchoolAction.ViewSessions, SchoolAction.ViewSupervision,
    ];

    /// <summary>
    /// What the table allows a system caller (an API client, issue 15): the actions an administrator may grant a client,
    /// each at <see cref="Scope.School"/> for the client's own school. A client can do an action only when it is both granted
    /// and here. Never confidential notes, safeguarding, therapy content or anything about people's accounts:
    /// <see cref="NeverForSystems"/> is subtracted, so adding one of those here by mistake grants nothing.
    /// </summary>
    public static IReadOnlySet<SchoolAction> SystemCallerActions { get; } = new HashSet<SchoolAction>
    {
        SchoolAction.ViewSchool,
        SchoolAction.ViewCalendar,
        SchoolAction.ViewPupils,
        SchoolAction.ViewStaff,
        SchoolAction.ImportData,
        SchoolAction.ViewWaitingList,
        // A local authority's case system sends referrals by UPN and is told only "received" (it reads no referral back).
        SchoolAction.MakeReferral,
    }.Except(NeverForSystems).ToHashSet();


    /// <summary>Actions a user may take before choosing a school or completing two-factor set-up.</summary>
    public static IReadOnlySet<SchoolAction> AccountActions { get; } =
        new HashSet<SchoolAction> { SchoolAction.ManageOwnAccount, SchoolAction.ChooseSchool };

    /// <summary>Actions that read therapy, EHCP, referral or safeguarding content about pupils.</summary>
    public static IReadOnlySet<SchoolAction> ConfidentialActions { get; } = new HashSet<SchoolAction>
    {
        SchoolAction.ViewEhcp, SchoolAction.ManageEhcp, SchoolAction.ViewReferrals, SchoolAction.TriageReferrals,
        SchoolAction.ReviewReferrals, SchoolAction.ViewWaitingList, SchoolAction.ViewMdt, SchoolAction.RunMdt,
        SchoolAction.AllocateTherapist, SchoolAction.ViewCaseload, SchoolAction.DeclareNotReady,
        SchoolAction.ViewSafeguardingDetails, SchoolAction.ViewSafeguardingFollowUps,
        SchoolAction.RecordEngagementEfforts,
        SchoolAction.ViewSessions, SchoolAction.RecordSessions,
        SchoolAction.ViewLiaison, SchoolAction.RecordLiaison,
    };

    /// <summary>
    /// A role that reads confidential content about pupils other than the user's own child or
    /// themself: granting it needs approval (<see cref="RoleApproval"/>).
    /// </summary>
    public static bool ReadsConfidentialData(Role role) =>
        Grants.Any(g => g.Role == role && ConfidentialActions.Contains(g.Action)
                        && (g.Scope & ~(Scope.OwnChild | Scope.Self | Scope.OwnReferrals | Scope.Anonymised)) != Scope.None);

    private static readonly FrozenDictionary<(Role, SchoolAction), Scope> Lookup =
        Rows.SelectMany(r => r.Value.Select(g => KeyValuePair.Create((g.Key, r.Key), g.Value))).ToFrozenDictionary();

    public static IEnumerable<Grant> Grants =>
        Rows.SelectMany(r => r.Value.Select(g => new Grant(g.Key, r.Key, g.Value)));

    /// <summary>The scopes the roles together hold for an action; <see cref="Scope.None"/> means "may not".</summary>
    public static Scope ScopeFor(IEnumerable<Role> roles, SchoolAction action)
    {
        var scope = Scope.None;
        foreach (var role in roles)
        {
            if (Lookup.TryGetValue((role, action), out var s))
            {
                scope |= s;
            }
        }

        return scope;
    }

    /// <summary>An API client's scope for an action: its own school where the action is granted and allowed to systems, else none.</summary>
    public static Scope ScopeForApiClient(IReadOnlySet<SchoolAction> granted, SchoolAction action) =>
        granted.Contains(action) && SystemCallerActions.Contains(action) ? Scope.School : Scope.None;

    public static bool Permits(IEnumerable<Role> roles, SchoolAction action) => ScopeFor(roles, action) != Scope.None;

    /// <summary>The table as Markdown, for docs/policy-table.md (kept in step by a test).</summary>
    public static string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Policy table").AppendLine();
        sb.AppendLine("Generated from `src/SecureBase/Identity/PolicyTable.cs` by `PolicyTableDocTests`; do not edit by hand.");
        sb.AppendLine("Each cell is the scope of records the role reaches for the action; blank means the role may not.").AppendLine();
        sb.Append("| action |");
        foreach (var role in Everyone)
        {
            sb.Append(' ').Append(RoleInfo.Of(role).Name).Append(" |");
        }

        sb.AppendLine();
        sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", Everyone.Length))).AppendLine();
        foreach (var action in Enum.GetValues<SchoolAction>())
        {
            sb.Append("| ").Append(action).Append(" |");
            foreach (var role in Everyone)
            {
                var scope = ScopeFor([role], action);
                sb.Append(' ').Append(scope == Scope.None ? "" : scope.ToString().Replace(", ", " + ", StringComparison.Ordinal)).Append(" |");
            }

            sb.AppendLine();
        }

        sb.AppendLine().AppendLine("## Roles given only with approval").AppendLine();
        sb.AppendLine("An administrator's grant of a role that reads confidential content (a role holding " + string.Join(", ", ConfidentialActions.Order()) + " beyond its own child or itself) waits until someone else who holds the approving role in the school approves it (`RoleApproval`).").AppendLine();
        sb.AppendLine("| role | approved by |").AppendLine("|---|---|");
        foreach (var role in Everyone.Where(ReadsConfidentialData))
        {
            sb.Append("| ").Append(RoleInfo.Of(role).Name).Append(" | ").Append(RoleInfo.Of(RoleApproval.ApprovedBy(role)).Name)
                .Append(RoleApproval.ApprovedBy(role) == Role.Headteacher ? "" : "; the Headteacher / senior leader when nobody else holds that role").AppendLine(" |");
        }

        sb.AppendLine().AppendLine("## API clients").AppendLine();
        sb.AppendLine("An API client (a school's information system or a script, issue 15) is a caller of its own kind, not a role. It reaches only its own school, at School scope, and may do an action only when the administrator granted it **and** it is one of these: " +
            string.Join(", ", SystemCallerActions.Order()) + ". Never, whatever the grant: " + string.Join(", ", NeverForSystems.Order()) + ".");

        sb.AppendLine().AppendLine("## Relationships").AppendLine();
        sb.AppendLine("A scope is the relationship between the user and the record. The server narrows every query by it, so a record outside it is simply not found (404), and the tests try each endpoint for each role with a record of each relationship.").AppendLine();
        sb.AppendLine("| scope | the records it reaches |").AppendLine("|---|---|");
        foreach (var (scope, words) in ScopeWords)
        {
            sb.Append("| ").Append(scope).Append(" | ").Append(words).AppendLine(" |");
        }

        sb.AppendLine().AppendLine("## Confidential fields").AppendLine();
        sb.AppendLine("A field is shown, on every page and in every API answer that shows its record, only to a role whose scope for the action named reaches the record; everyone else gets the record without the field. Kept as data in `ConfidentialFields.cs`; the field-level tests are generated from it.").AppendLine();
        sb.Append("| field | what it is | read with |");
        foreach (var role in Everyone)
        {
            sb.Append(' ').Append(RoleInfo.Of(role).Name).Append(" |");
        }

        sb.AppendLine();
        sb.Append("|---|---|---|").Append(string.Concat(Enumerable.Repeat("---|", Everyone.Length))).AppendLine();
        foreach (var field in ConfidentialFields.All)
        {
            sb.Append("| ").Append(field.Name).Append(" | ").Append(field.WhatItIs).Append(" | ").Append(field.ReadWith).Append(" |");
            foreach (var role in Everyone)
            {
                var scope = ScopeFor([role], field.ReadWith);
                sb.Append(' ').Append(scope == Scope.None ? "" : scope.ToString().Replace(", ", " + ", StringComparison.Ordinal)).Append(" |");
            }

            sb.AppendLine();
        }

        sb.AppendLine().AppendLine("## Why a confidential record is read").AppendLine();
        sb.AppendLine("Every read of a referral or an EHCP is audited with its reason (`Audit/ConfidentialReads.cs`). Where a relationship explains it, the reason follows from it: for a referral the Head of Therapy triaging, the pupil's own practitioner, the person who made it, the DSL with a safeguarding worry; for an EHCP the SENDCo and Head of Therapy who keep them, the pupil's own practitioner, a parent of their own child. Anyone else the table lets read it (a senior leader reviewing, a colleague consulting) chooses a reason before it opens: a break-glass read, marked as such in the audit log.");
        sb.AppendLine().AppendLine("Roles marked as needing two factors sign in with a password and an authenticator code before they can use any of their actions: " +
            string.Join(", ", RoleInfo.All.Where(r => r.RequiresTwoFactor).Select(r => r.Name)) + ".");
        return sb.ToString();
    }

    private static readonly (Scope Scope, string Words)[] ScopeWords =
    [
        (Scope.School, "every record of the user's own school (never another school's)"),
        (Scope.OwnCaseload, "pupils with an open therapy episode held by the user, and their referrals"),
        (Scope.DeliveredBySelf, "pupils the therapy assistant or ELSA works with (episodes they hold), and MDT items about them"),
        (Scope.OwnChild, "children the parent or carer is linked to, unless the link is restricted"),
        (Scope.Self, "the user themself: their account, their own actions, the pupil's own record"),
        (Scope.OwnReferrals, "referrals the user made: their status and what the referrer was told"),
        (Scope.Anonymised, "counts and rates only: no pupil can be identified"),
        (Scope.CareCohort, "pupils in the local authority officer's care cohort"),
        (Scope.TaughtBySelf, "pupils the teacher teaches: for now the pupils of the tutor group they are tutor for (imported lessons do not name their teacher)"),
    ];

    private static Dictionary<Role, Scope> Each(IEnumerable<Role> roles, Scope scope) => roles.ToDictionary(r => r, _ => scope);
}
