using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Sessions.Notes;
using SecureBase.Staff;
using SecureBase.Tests.Sessions.Notes;

namespace SecureBase.Tests.Support;

/// <summary>The record a generated case is about, named by its relationship to the user.</summary>
public enum Relation
{
    /// <summary>An endpoint about no record of its own (a list, a form, the home page).</summary>
    None,

    /// <summary>Pupil A: on the therapist's and the ELSA's caseload, the parent's own child, the pupil themself; every user referred A.</summary>
    OwnPupil,

    /// <summary>A referral about A that the user made themself.</summary>
    OwnReferral,

    /// <summary>Pupil B: in therapy with another practitioner, another family's child, another pupil.</summary>
    OtherPupil,

    /// <summary>Pupil C: linked to the parent through a restricted link (the parent must never see C).</summary>
    RestrictedChild,

    /// <summary>A record of the school that belongs to nobody in particular (a meeting, a staff member, a term).</summary>
    SchoolRecord,

    /// <summary>The same kind of record in another school.</summary>
    OtherSchool,
}

/// <summary>
/// A school built for the relationship matrix: the test school's users and pupil (A), a second pupil
/// (B) with another practitioner, a child behind a restricted link (C), referrals with markers in
/// each confidential field, and a second school. Markers are random letters, so a marker found in a
/// response can only have come from the record it was planted in.
/// </summary>
public sealed class RelationshipSchool
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<RelationshipSchool>>> Built = new();
    private readonly ConcurrentDictionary<Role, (Lazy<Task<TestClient>> Client, DateTimeOffset SignedInAt)> _clients = new();

    private RelationshipSchool(TestApp app, TestSchool school, TestSchool other)
    {
        App = app;
        School = school;
        Other = other;
    }

    public TestApp App { get; }
    public TestSchool School { get; }
    public TestSchool Other { get; }
    public PupilId PupilB { get; private set; }
    public PupilId PupilC { get; private set; }
    public string MarkA { get; private set; } = "";
    public string MarkB { get; private set; } = "";
    public string MarkC { get; private set; } = "";
    public string MarkOther { get; private set; } = "";
    public ReferralId ReferralA { get; private set; }
    public ReferralId ReferralB { get; private set; }
    public EpisodeId EpisodeB { get; private set; }
    public Guid MeetingId { get; private set; }

    /// <summary>The referral about A each user made (the teacher's is the test school's own).</summary>
    public Dictionary<Role, ReferralId> OwnReferrals { get; } = [];

    /// <summary>Planted field values: each found only where the role may see that field of that pupil's record.</summary>
    public List<(ConfidentialField Field, PupilId Pupil, string Marker)> FieldMarkers { get; } = [];

    public static Task<RelationshipSchool> ForAsync(DatabaseProvider provider) =>
        Built.GetOrAdd(provider, p => new Lazy<Task<RelationshipSchool>>(() => BuildAsync(p))).Value;

    /// <summary>
    /// A signed-in client for the role, shared by the tests. The shared application's clock moves on
    /// (every second-factor code used within one half-minute moves it to the next), so a client signed in
    /// more than 20 application minutes ago is replaced before its session could reach the 30-minute idle limit.
    /// </summary>
    public Task<TestClient> ClientAsync(Role role)
    {
        var now = App.Clock.GetUtcNow();
        var entry = _clients.AddOrUpdate(
            role,
            r => (new Lazy<Task<TestClient>>(() => School.SignInAsync(r)), now),
            (r, old) => now - old.SignedInAt > TimeSpan.FromMinutes(20) ? (new Lazy<Task<TestClient>>(() => School.SignInAsync(r)), now) : old);
        return entry.Client.Value;
    }

    /// <summary>Whether a scope of the policy table reaches a pupil for this role's user in this school.</summary>
    public bool Reaches(Role role, Scope scope, PupilId pupil) => Reaches(role, scope, RelationOf(pupil));

    public Relation RelationOf(PupilId pupil) =>
        pupil == School.PupilId ? Relation.OwnPupil : pupil == PupilB ? Relation.OtherPupil : pupil == PupilC ? Relation.RestrictedChild : Relation.OtherSchool;

    /// <summary>
    /// Whether a scope reaches a record of this relationship for the role's test user: the school reaches
    /// every record of the school; the therapist and the ELSA hold episodes of A (and the therapist delivers
    /// A's weekly session); the parent is A's
    /// parent (and C's only through a restricted link); the pupil is A; every user but the authority referred A.
    /// </summary>
    public static bool Reaches(Role role, Scope scope, Relation relation)
    {
        if (relation == Relation.OtherSchool)
        {
            return false;
        }

        if (scope.HasFlag(Scope.School) || relation is Relation.None or Relation.SchoolRecord)
        {
            return scope != Scope.None;
        }

        var isA = relation is Relation.OwnPupil or Relation.OwnReferral;
        return (scope.HasFlag(Scope.OwnCaseload) && role == Role.Therapist && isA)
               || (scope.HasFlag(Scope.DeliveredBySelf) && role is Role.TherapyAssistant or Role.Therapist && isA)
               || (scope.HasFlag(Scope.OwnChild) && role == Role.ParentCarer && isA)
               || (scope.HasFlag(Scope.Self) && role == Role.Pupil && isA)
               || (scope.HasFlag(Scope.OwnReferrals) && role != Role.LocalAuthorityOfficer && isA)
               || (scope.HasFlag(Scope.TaughtBySelf) && role == Role.EducationStaff && isA);
    }

    /// <summary>A pupil the role reaches by any action of the table: the only pupils whose names it may ever see.</summary>
    public bool ReachesByAnyAction(Role role, PupilId pupil) =>
        Enum.GetValues<SchoolAction>().Any(a => Reaches(role, PolicyTable.ScopeFor([role], a), pupil));

    public IEnumerable<(PupilId Pupil, string Marker)> PupilMarkers => [(School.PupilId, MarkA), (PupilB, MarkB), (PupilC, MarkC)];

    private static async Task<RelationshipSchool> BuildAsync(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        var result = new RelationshipSchool(app, school, other)
        {
            MarkA = school.PupilLastName[(school.PupilLastName.IndexOf('-', StringComparison.Ordinal) + 1)..],
            MarkOther = other.PupilLastName[(other.PupilLastName.IndexOf('-', StringComparison.Ordinal) + 1)..],
            MarkB = "Bmark" + TestSchool.Letters(8),
            MarkC = "Cmark" + TestSchool.Letters(8),
        };

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var pupilA = await db.Pupils.SingleAsync(p => p.Id == school.PupilId);

        Pupil NewPupil(string twelve, string last) =>
            Pupil.Create(school.Id, Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var u, out var problem) ? u : throw new InvalidOperationException(problem),
                new PupilDetails("Robin", last, null, null, new DateOnly(2014, 5, 6), 7, "7B", false, SenStatus.SenSupport, false, school.SiteId), now);
        var b = NewPupil("201100018043", result.MarkB);
        var c = NewPupil("201100018044", result.MarkC);
        db.Pupils.AddRange(b, c);
        result.PupilB = b.Id;
        result.PupilC = c.Id;

        // B is in therapy with a practitioner who is none of the test users.
        var colleague = StaffMember.Create(school.Id, "S99", new StaffDetails(null, "Other", "Practitioner", null, "Therapist", Discipline.MusicTherapy, RegistrationBody.None, null, null, 20));
        db.StaffMembers.Add(colleague);
        var episodeB = Episode.Import(school.Id, b.Id, colleague.Id, Discipline.MusicTherapy, today.AddDays(-20));
        db.Episodes.Add(episodeB);
        result.EpisodeB = episodeB.Id;

        // Which therapy A is in shows as the record's therapy section and the referral's "In therapy now".
        result.FieldMarkers.Add((ConfidentialField.TherapyDiscipline, school.PupilId, "id=\"episodes\""));
        result.FieldMarkers.Add((ConfidentialField.TherapyDiscipline, school.PupilId, "<dt>In therapy now</dt>"));

        // The ELSA works with A too.
        var elsaUser = school[Role.TherapyAssistant].Id;
        var elsa = await db.StaffMembers.SingleAsync(s => s.UserId == elsaUser);
        var elsaEpisode = Episode.Import(school.Id, school.PupilId, elsa.Id, Discipline.Elsa, today.AddDays(-10));
        db.Episodes.Add(elsaEpisode);

        // C is linked to the parent's account through a restricted link.
        var parentUser = school[Role.ParentCarer].Id;
        var carer = await db.Carers.SingleAsync(x => x.UserId == parentUser);
        var restricted = CarerLink.Create(school.Id, c.Id, carer.Id, "Father", true, 1);
        restricted.Restrict("Court order: no contact");
        db.CarerLinks.Add(restricted);

        // A second carer of A, whose contact details are the carer-contacts marker.
        var contactMark = "carermark" + TestSchool.Letters(8);
        var aunt = Carer.Create(school.Id, new CarerDetails("C" + TestSchool.Letters(6), "Ms", "Auntie", contactMark, $"{contactMark}@example.org", null, null, ContactPreference.Email, null));
        db.Carers.Add(aunt);
        db.CarerLinks.Add(CarerLink.Create(school.Id, school.PupilId, aunt.Id, "Aunt", false, 2));
        result.FieldMarkers.Add((ConfidentialField.CarerContacts, school.PupilId, contactMark));

        // Referrals: about A and B by someone who is none of the test users, one with a safeguarding worry.
        var reasonA = "rrmark" + TestSchool.Letters(10);
        var reasonB = "rrmark" + TestSchool.Letters(10);
        var worry = "sgmark" + TestSchool.Letters(10);
        Referral Refer(PupilId pupil, string details, Guid? by, string name, string? safeguarding = null) =>
            Referral.Receive(school.Id, pupil, new NewReferral(ReferralSource.EducationStaff, by, name, null, ReferralReason.EmotionalWellbeing, null, details, null,
                ReferralUrgency.Routine, true, safeguarding is not null, Guid.NewGuid(), safeguarding), now);
        var refA = Refer(school.PupilId, reasonA, Guid.NewGuid(), "A colleague");
        var refB = Refer(b.Id, reasonB, Guid.NewGuid(), "A colleague");
        var refSg = Refer(school.PupilId, "rrmark" + TestSchool.Letters(10), Guid.NewGuid(), "A colleague", worry);
        db.Referrals.AddRange(refA, refB, refSg);
        result.ReferralA = refA.Id;
        result.ReferralB = refB.Id;
        result.FieldMarkers.Add((ConfidentialField.ReferralContent, school.PupilId, reasonA));
        result.FieldMarkers.Add((ConfidentialField.ReferralContent, b.Id, reasonB));
        result.FieldMarkers.Add((ConfidentialField.SafeguardingDetails, school.PupilId, worry));

        // Every user (but the authority, which refers by UPN) has referred A, so "my referrals" has a line for each.
        result.OwnReferrals[Role.EducationStaff] = school.ReferralId;
        foreach (var (role, user) in school.Users.Where(u => u.Key is not Role.LocalAuthorityOfficer and not Role.EducationStaff))
        {
            var own = Refer(school.PupilId, "own" + TestSchool.Letters(8), user.Id, user.UserName);
            db.Referrals.Add(own);
            result.OwnReferrals[role] = own.Id;
        }

        // EHCP detail: a line of A's plan with a marker as who delivers it.
        var ehcpMark = "ehcpmark" + TestSchool.Letters(8);
        var plan = await db.EhcpPlans.SingleAsync(p => p.Id == school.Ehcp.PlanId);
        db.ProvisionItems.Add(plan.AddProvision(pupilA, new ProvisionDetails(Discipline.SpeechAndLanguage, 1, ProvisionFrequency.PerWeek, 30, ProvisionDelivery.Individual, ehcpMark), now).Value);
        result.FieldMarkers.Add((ConfidentialField.EhcpDetail, school.PupilId, ehcpMark));

        await db.SaveChangesAsync();

        // A session note: the ELSA's own, about A (the therapist reads it as A's own therapist, the Head of Therapy with a reason).
        var noteMark = "notemark" + TestSchool.Letters(8);
        var elsaSession = await NoteTestData.AddSessionAsync(app, school.Id, elsa.Id, Discipline.Elsa, (school.PupilId, elsaEpisode.Id));
        var note = await NoteTestData.PlantNoteAsync(app, school.Id, new NoteAuthor(elsaUser, elsa.Id, "Test ELSA"), NoteKind.Session, elsaSession, elsaEpisode.Id, school.PupilId, noteMark);
        NoteTestData.RegisterSample(school.Id, note);
        result.FieldMarkers.Add((ConfidentialField.SessionNote, school.PupilId, noteMark));

        // This week's meeting, with an agenda about A and B.
        var agenda = await scope.ServiceProvider.GetRequiredService<MdtMeetings>().DraftAgendaAsync(today);
        var meeting = MdtMeeting.Prepare(school.Id, today, agenda, school[Role.HeadOfTherapy].Id, now);
        db.MdtMeetings.Add(meeting);
        await db.SaveChangesAsync();
        result.MeetingId = meeting.Id;
        await AddSessionSamplesAsync(scope.ServiceProvider, db, school, today, now);
        await AddTeacherSamplesAsync(db, school, result, today, now);
        await AddConcernSamplesAsync(app, school, other, result, now);
        await AddReportSamplesAsync(db, school, result, today, now);
        return result;
    }

    /// <summary>Safeguarding (issue 13): each school's sample concern, for route samples (the other school's must answer 404).</summary>
    public static ConcurrentDictionary<SchoolId, Guid> ConcernSamples { get; } = new();

    /// <summary>A concern about A raised by someone who is none of the test users, with a marker in what was said; one in the other school too.</summary>
    private static async Task AddConcernSamplesAsync(TestApp app, TestSchool school, TestSchool other, RelationshipSchool result, DateTime now)
    {
        var mark = "concernmark" + TestSchool.Letters(8);
        foreach (var (s, pupil, text) in new[] { (school, school.PupilId, mark), (other, other.PupilId, "concernmark" + TestSchool.Letters(8)) })
        {
            await using var scope = app.Scope();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(s.Id);
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var concern = SecureBase.Safeguarding.Concern.Raise(s.Id, pupil,
                new SecureBase.Safeguarding.NewConcern(text, now.AddHours(-1), "Nobody else", "Stayed with the pupil", SecureBase.Safeguarding.ConcernCategory.Neglect,
                    SecureBase.Safeguarding.ConcernSource.PupilRecord, null, Guid.NewGuid()),
                new SecureBase.Safeguarding.ConcernAuthor(Guid.NewGuid(), "A colleague"), now).Value;
            db.Concerns.Add(concern);
            await db.SaveChangesAsync();
            ConcernSamples[s.Id] = concern.Id.Value;
        }

        result.FieldMarkers.Add((ConfidentialField.SafeguardingConcern, school.PupilId, mark));

        // Each school sent its pupil's child protection file to a school of its own (never the other relationship school),
        // so the other school's transfer is one the user's school has no part in.
        foreach (var s in new[] { school, other })
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var elsewhere = SecureBase.Schools.School.Create("Receiving school " + TestSchool.Letters(6), null, null, SecureBase.Schools.School.DefaultTimeZone, now);
            db.Schools.Add(elsewhere);
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(s.Id);
            var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == s.PupilId);
            var movedOn = DateOnly.FromDateTime(now);
            var transfer = SecureBase.Safeguarding.CpFileTransfer.Send(s.Id, s.Name, elsewhere.Id, elsewhere.Name, pupil.Id, pupil.DisplayName, pupil.DateOfBirth,
                Guid.NewGuid(), "A receiving DSL", new SecureBase.Safeguarding.ConcernAuthor(s[Role.Dsl].Id, "Test Designated Safeguarding Lead"), movedOn, movedOn.AddDays(7), 1,
                [new SecureBase.Safeguarding.CpFileLine(now, "Concern raised: Neglect", "As sent", "A colleague", false)], now);
            db.CpFileTransfers.Add(transfer);
            await db.SaveChangesAsync();
            TransferSamples[s.Id] = transfer.Id.Value;
        }
    }

    /// <summary>Safeguarding (issue 13): each relationship school's child protection file sent to a school of its own, for route samples.</summary>
    public static ConcurrentDictionary<SchoolId, Guid> TransferSamples { get; } = new();

    /// <summary>What teachers see (issue 11): each relationship school's shared classroom strategy about A, for route samples.</summary>
    public static ConcurrentDictionary<SchoolId, Guid> StrategySamples { get; } = new();

    /// <summary>
    /// The teacher is tutor of A's tutor group (7A; B and C are in 7B), so the teacher teaches A. Markers in A's cycle
    /// records (situation analysis, a goal), in what was tried to engage A, in a shared and an unshared classroom strategy
    /// about A, and in a shared strategy about B.
    /// </summary>
    private static async Task AddTeacherSamplesAsync(SecureBaseDb db, TestSchool school, RelationshipSchool result, DateOnly today, DateTime now)
    {
        var teacherUser = school[Role.EducationStaff].Id;
        (await db.StaffMembers.SingleAsync(s => s.UserId == teacherUser)).SetTutorGroup("7A");
        var episodeA = await db.Episodes.SingleAsync(e => e.Id == school.EpisodeId);
        var episodeB = await db.Episodes.SingleAsync(e => e.Id == result.EpisodeB);
        var by = school[Role.Therapist].Id;
        string Mark(string kind) => kind + "mark" + TestSchool.Letters(8);

        var analysisMark = Mark("sa");
        db.SituationAnalyses.Add(SituationAnalysis.Record(episodeA, new SituationAnalysisDetails(true, null, analysisMark, "Needs", "Strengths", "Challenges", true, false, false, null), today, by).Value);
        var goalMark = Mark("goal");
        db.CycleGoals.Add(CycleGoal.Agree(episodeA, 1, new GoalDetails(goalMark, "Measured", "Achievable", "Relevant", "By the end of the cycle", null, null), today).Value);
        var triedMark = Mark("tried");
        episodeA.AddEngagementStrategy(today, triedMark, by, "Test Therapist", today, now).IsSuccess.ShouldBeTrue();
        var sharedMark = Mark("shared");
        var unsharedMark = Mark("unshared");
        var sharedB = Mark("sharedb");
        var shared = ClassroomStrategy.Write(episodeA, sharedMark, true, today, by).Value;
        db.ClassroomStrategies.AddRange(shared, ClassroomStrategy.Write(episodeA, unsharedMark, false, today, by).Value, ClassroomStrategy.Write(episodeB, sharedB, true, today, Guid.NewGuid()).Value);
        await db.SaveChangesAsync();
        StrategySamples[school.Id] = shared.Id.Value;
        result.FieldMarkers.Add((ConfidentialField.CycleRecords, school.PupilId, analysisMark));
        result.FieldMarkers.Add((ConfidentialField.CycleRecords, school.PupilId, goalMark));
        result.FieldMarkers.Add((ConfidentialField.EngagementStrategies, school.PupilId, triedMark));
        result.FieldMarkers.Add((ConfidentialField.SharedClassroomStrategy, school.PupilId, sharedMark));
        result.FieldMarkers.Add((ConfidentialField.UnsharedClassroomStrategy, school.PupilId, unsharedMark));
        result.FieldMarkers.Add((ConfidentialField.SharedClassroomStrategy, result.PupilB, sharedB));
    }

    /// <summary>Sessions (issue 11): each relationship school's sample occurrence and recorded session, for route samples.</summary>
    public static ConcurrentDictionary<SchoolId, (SecureBase.Timetable.OccurrenceId Occurrence, TherapySessionId Session)> SessionSamples { get; } = new();

    /// <summary>The therapist's weekly session with A from a past school week; its first occurrence recorded (A refused).</summary>
    private static async Task AddSessionSamplesAsync(IServiceProvider services, SecureBaseDb db, TestSchool school, DateOnly today, DateTime now)
    {
        var calendar = await SecureBase.Schools.SchoolCalendar.LoadAsync(db);
        var monday = calendar.SchoolWeeksBetween(today.AddDays(-70), today.AddDays(-7)).Last(w => w.SchoolDays.Contains(w.Monday)).Monday;
        var weekly = SecureBase.Timetable.WeeklySession.ForEpisode(school.Id, school.SiteId, school.TherapistStaffId, Discipline.Counselling, school.PupilId, school.EpisodeId, []);
        db.WeeklySessions.Add(weekly);
        await db.SaveChangesAsync();
        var version = SecureBase.Timetable.TimetableVersion.Accept(school.Id, null, monday,
            [new SecureBase.Timetable.PlacementDetails(weekly.Id, DayOfWeek.Monday, null, new TimeOnly(9, 0), new TimeOnly(9, 45), school.RoomId)], null, now).Value;
        await services.GetRequiredService<SecureBase.Timetable.OccurrencePlanner>().ApplyAsync(version, monday);
        var occurrence = await db.SessionOccurrences.AsNoTracking().Where(o => o.SessionId == weekly.Id).OrderBy(o => o.Date).FirstAsync();
        var expected = new SecureBase.Sessions.SessionExpectation([new SecureBase.Sessions.ExpectedPupil(school.PupilId, school.EpisodeId, "A", false)], today, new TimeOnly(23, 59));
        var session = SecureBase.Sessions.TherapySession.Record(school.Id, school.TherapistStaffId, Discipline.Counselling, SecureBase.Sessions.SessionKind.Timetabled, occurrence.Id,
            occurrence.Date, occurrence.Start, 45, occurrence.RoomId, null, [new SecureBase.Sessions.MemberRecording(school.PupilId, SecureBase.Sessions.Attendance.Refused, null, null)], expected, Guid.NewGuid(), now).Value;
        db.TherapySessions.Add(session);
        await db.SaveChangesAsync();
        SessionSamples[school.Id] = (occurrence.Id, session.Id);
    }

    /// <summary>Reports (issue 12): each relationship school's approved report about A, shared with A's parents, A and school staff, for route samples.</summary>
    public static ConcurrentDictionary<SchoolId, Guid> ReportSamples { get; } = new();

    private static async Task AddReportSamplesAsync(SecureBaseDb db, TestSchool school, RelationshipSchool result, DateOnly today, DateTime now)
    {
        var reportMark = "reportmark" + TestSchool.Letters(8);
        var facts = new SecureBase.Reports.ReportFacts("A", null, "Year 7", school.Name, "Counselling", "Test Therapist", "", "", 0, 0, null, 0, "", [], [], [], null, "").ToJson();
        var content = new SecureBase.Reports.ReportContent(SecureBase.Reports.ReportKind.HalfTermlyProgress, today.AddDays(-42), today, $"Settling in. {reportMark}", null,
            SecureBase.Reports.ReportAudience.ParentsCarers | SecureBase.Reports.ReportAudience.Pupil | SecureBase.Reports.ReportAudience.SchoolStaff, null);
        var report = SecureBase.Reports.Report.Write(school.Id, school.EpisodeId, school.PupilId, content, new SecureBase.Reports.ReportCircle("A", true, true, false), facts,
            school[Role.Therapist].Id, "Test Therapist", now).Value;
        report.Approve(facts, school[Role.Therapist].Id, "Test Therapist", now).IsSuccess.ShouldBeTrue();
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        ReportSamples[school.Id] = report.Id.Value;
        result.FieldMarkers.Add((ConfidentialField.ReportContent, school.PupilId, reportMark));
    }
}
