using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Timetable;

namespace SecureBase.Demo;

/// <summary>A demo sign-in: printed on first start, never stored in the repository.</summary>
public sealed record DemoAccount(Role Role, string UserName, string Password, string Who);

/// <summary>
/// Loads a realistic demo: Hollybrook Academy (two sites, about 120 pupils, a full therapy team,
/// parents, rooms) and a smaller Meadowside Primary in the same local authority. The data is
/// generated from a fixed seed, so every demo looks the same; passwords are random each time.
/// </summary>
internal sealed class DemoSeeder(SecureBaseDb db, UserManager<AppUser> users, TimeProvider clock, Schools.SchoolClock schoolClock, IEnumerable<IRoomTimes> roomTimes)
{
    private readonly Random _random = new(2026);
    private int _upnSerial;

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = schoolClock.Today;
        var authority = Authority.Create("Riverside Borough Council", AuthorityKind.LocalAuthority);
        db.Authorities.Add(authority);

        var accounts = new List<DemoAccount>();
        var hollybrook = await SeedSchoolAsync("Hollybrook Academy", "140217", authority.Id, pupilCount: 120, full: true, now, today, accounts, ct);
        var meadowside = await SeedSchoolAsync("Meadowside Primary", "139005", authority.Id, pupilCount: 30, full: false, now, today, accounts, ct);

        // The local authority officer sees both schools (as anonymised figures, by the policy table).
        db.SchoolContext.Switch(hollybrook, School.DefaultTimeZone);
        var officer = await CreateUserAsync("la.officer", "Marcus Oyelaran-Whitfield", Role.LocalAuthorityOfficer, hollybrook, accounts, "Virtual school / SEND team officer", ct);
        await db.SaveChangesAsync(ct);
        db.SchoolContext.Switch(meadowside, School.DefaultTimeZone);
        db.Memberships.Add(Membership.Grant(officer.Id, meadowside, Role.LocalAuthorityOfficer, now, null));
        await db.SaveChangesAsync(ct);
        await Safeguarding.DemoSafeguarding.SeedTransferAsync(db, hollybrook, meadowside, now, ct);

        // Four more of the authority's schools, smaller and without demo accounts, so the local authority view has a picture
        // to show (the seed's survey: every school employs a practitioner, few have a dedicated therapy space).
        foreach (var other in DemoAuthoritySchools.All)
        {
            await SeedSchoolAsync(other.Name, other.Urn, authority.Id, other.Pupils, full: false, now, today, accounts, ct, other);
        }

        db.SchoolContext.Switch(hollybrook, School.DefaultTimeZone);
        return accounts;
    }

    private async Task<SchoolId> SeedSchoolAsync(string name, string urn, AuthorityId authorityId, int pupilCount, bool full, DateTime now, DateOnly today, List<DemoAccount> accounts, CancellationToken ct, DemoAuthoritySchool? other = null)
    {
        var school = School.Create(name, urn, authorityId, School.DefaultTimeZone, now);
        db.Schools.Add(school);
        db.SchoolContext.Switch(school.Id, school.TimeZoneId);
        var main = Site.Create(school.Id, "Main site");
        db.Sites.Add(main);
        var second = full ? Site.Create(school.Id, "Juniper House") : null;
        if (second is not null)
        {
            db.Sites.Add(second);
        }

        if (other is { DedicatedRoom: false })
        {
            db.Rooms.Add(Room.Create(school.Id, main.Id, "Quiet room", RoomKind.MultiPurpose, [RoomFeature.StepFree], ["Strategy books"], secureStorage: false));
        }
        else
        {
        db.Rooms.Add(Room.Create(school.Id, main.Id, "The Nest", RoomKind.DedicatedTherapy,
            [RoomFeature.Sink, RoomFeature.SandTray, RoomFeature.Soundproofing, RoomFeature.StepFree],
            ["Puppets", "Worry teddies", "Therapeutic putty", "Strategy books", "Sand tray figures"], secureStorage: true));
        }

        db.Rooms.Add(Room.Create(school.Id, main.Id, "Library meeting room", RoomKind.MultiPurpose, [RoomFeature.StepFree], ["Strategy books"], secureStorage: false));
        db.Rooms.Add(Room.Create(school.Id, (second ?? main).Id, full ? "Studio 2" : "Small hall", RoomKind.MultiPurpose,
            [RoomFeature.Sink, RoomFeature.SensoryEquipment], ["Sensory circuit kit", "Weighted blankets"], secureStorage: false));

        DemoCalendar.AddTo(db, school.Id, hollybrook: full);
        var staff = full ? HollybrookStaff(school.Id, main.Id, second!.Id) : other is not null ? other.Staff(school.Id, main.Id).Select(m => new DemoStaff(m, null, null)).ToList() : MeadowsideStaff(school.Id, main.Id);
        db.StaffMembers.AddRange(staff.Select(s => s.Member));

        var pupils = new List<Pupil>();
        for (var i = 0; i < pupilCount; i++)
        {
            pupils.Add(MakePupil(school.Id, i, full, main.Id, second?.Id, now, today));
        }

        db.Pupils.AddRange(pupils);
        var carers = MakeCarers(school.Id, pupils);

        var prefix = full ? "" : "meadowside.";
        foreach (var (member, role, userName) in staff.Where(s => s.Role is not null).Select(s => (s.Member, s.Role!.Value, s.UserName!)))
        {
            var user = await CreateUserAsync(prefix + userName, member.FullName, role, school.Id, accounts, member.JobTitle ?? RoleInfo.Of(role).Name, ct);
            member.LinkAccount(user.Id);
        }

        OpenDemoEpisodes(school.Id, staff.Select(s => s.Member).ToList(), pupils, today);
        if (full)
        {
            var parentOf = pupils.First(p => p.SenStatus == SenStatus.Ehcp && !p.CareExperienced);
            var carer = carers.First(c => c.Pupil == parentOf).Carer;
            var parent = await CreateUserAsync("parent", carer.DisplayName, Role.ParentCarer, school.Id, accounts, $"Parent of {parentOf.DisplayName}", ct);
            carer.LinkAccount(parent.Id);

            var pupilUser = pupils.First(p => p.YearGroup == 9 && p.SenStatus == SenStatus.SenSupport);
            var me = await CreateUserAsync("pupil", pupilUser.DisplayName, Role.Pupil, school.Id, accounts, $"{YearGroups.Label(pupilUser.YearGroup)} pupil", ct);
            pupilUser.LinkAccount(me.Id);
        }

        await db.SaveChangesAsync(ct);
        await DemoEhcp.SeedAsync(db, pupils, staff.Select(s => s.Member).ToList(), full, today, now, ct);
        await DemoRooms.SeedAsync(db, full, today, now, ct);
        if (full)
        {
            await DemoReferrals.SeedAsync(db, pupils, today, now, ct);
            await Safeguarding.DemoSafeguarding.SeedAsync(db, pupils, now, ct);
        }

        await DemoTimetable.SeedAsync(db, roomTimes, clock, today, now, ct);
        await DemoSessions.PlanPastWeeksAsync(db, today, ct);
        if (full)
        {
            await DemoDisplacements.SeedAsync(db, today, now, ct);
        }

        if (other is not null)
        {
            await DemoAuthoritySchools.ReferralsAsync(db, today, now, ct);
        }

        await DemoSessions.SeedAsync(db, today, now, withNearingLimit: full, ct, displaceEvery: other?.DisplaceEvery ?? 0);
        await Caseload.CycleDemoData.SeedAsync(db, today, full, ct);
        await Outcomes.DemoOutcomes.SeedAsync(db, today, ct);
        await Reports.DemoReports.SeedAsync(db, today, now, full, ct);
        if (full)
        {
            await Development.DevelopmentDemoData.SeedAsync(db, today, now, ct);
            await Liaison.LiaisonDemoData.SeedAsync(db, today, now, ct);
        }

        return school.Id;
    }

    private sealed record DemoStaff(StaffMember Member, Role? Role, string? UserName);

    private static List<DemoStaff> HollybrookStaff(SchoolId school, SiteId main, SiteId juniper)
    {
        var list = new List<DemoStaff>();
        void Add(string code, string? title, string first, string last, string job, Discipline? d, RegistrationBody body, string? regNo, DateOnly? renewal, int? capacity, Role? role, string? user, params WorkingBlock[] pattern)
        {
            var member = StaffMember.Create(school, code, new StaffDetails(title, first, last, $"{first.ToLowerInvariant().Replace(' ', '.')}.{last.ToLowerInvariant().Replace(' ', '-').Replace("'", "", StringComparison.Ordinal)}@hollybrook.example", job, d, body, regNo, renewal, capacity));
            member.SetWorkingPattern(pattern);
            list.Add(new DemoStaff(member, role, user));
        }

        WorkingBlock[] Days(SiteId site, params DayOfWeek[] days) => days.Select(d => new WorkingBlock(d, new TimeOnly(8, 45), new TimeOnly(15, 30), site)).ToArray();
        var all = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

        Add("HOT", "Dr", "Helena", "Marsh-Okonkwo", "Head of HEART & Therapy", Discipline.Psychotherapy, RegistrationBody.Ukcp, "UKCP-2019-88412", new DateOnly(2027, 3, 31), 8, Role.HeadOfTherapy, "head.of.therapy", Days(main, all));
        Add("ADE", "Ms", "Folasade", "Adeyemi", "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-00381277", new DateOnly(2027, 1, 31), 20, Role.Therapist, "therapist",
            [new(DayOfWeek.Tuesday, new TimeOnly(8, 45), new TimeOnly(15, 30), main), new(DayOfWeek.Thursday, new TimeOnly(8, 45), new TimeOnly(15, 30), main)]);
        Add("SLT", "Mrs", "Bethan", "Llewellyn", "Speech and language therapist", Discipline.SpeechAndLanguage, RegistrationBody.Hcpc, "SL031244", new DateOnly(2027, 5, 31), 30, null, null,
            [.. Days(main, DayOfWeek.Monday, DayOfWeek.Wednesday), .. Days(juniper, DayOfWeek.Friday)]);
        Add("OTH", "Mr", "Rajesh", "Nair", "Occupational therapist", Discipline.OccupationalTherapy, RegistrationBody.Hcpc, "OT078812", new DateOnly(2026, 12, 31), 25, null, null,
            [.. Days(juniper, DayOfWeek.Monday, DayOfWeek.Tuesday), .. Days(main, DayOfWeek.Thursday)]);
        Add("PLY", "Ms", "Siobhán", "O'Connor", "Play therapist", Discipline.PlayTherapy, RegistrationBody.Bapt, "BAPT-4471", new DateOnly(2027, 8, 31), 12, null, null, Days(juniper, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));
        Add("ART", "Mx", "Robin", "Achterberg", "Art therapist", Discipline.ArtTherapy, RegistrationBody.Hcpc, "AS019934", new DateOnly(2027, 4, 30), 10, null, null, Days(main, DayOfWeek.Monday, DayOfWeek.Friday));
        Add("DRA", "Ms", "Imogen", "Achebe-Lloyd", "Drama therapist", Discipline.DramaTherapy, RegistrationBody.Hcpc, "AS021187", new DateOnly(2027, 9, 30), 6, null, null, Days(juniper, DayOfWeek.Tuesday));
        Add("MUS", "Mr", "Luca", "Bianchi", "Music therapist", Discipline.MusicTherapy, RegistrationBody.Hcpc, "AS017342", new DateOnly(2027, 1, 31), 6, null, null, Days(main, DayOfWeek.Friday));
        Add("CBT", "Mr", "Tariq", "Siddiqui", "CBT therapist", Discipline.Cbt, RegistrationBody.Other, "BABCP-66120", new DateOnly(2027, 2, 28), 15, null, null, Days(main, DayOfWeek.Wednesday, DayOfWeek.Thursday));
        Add("PSY", "Dr", "Ines", "Carvalho-Reid", "Clinical psychologist", Discipline.ClinicalPsychology, RegistrationBody.Hcpc, "PYL40127", new DateOnly(2027, 6, 30), 10, null, null, Days(main, DayOfWeek.Tuesday));
        Add("ELS", "Mrs", "Grace", "Mbeki", "ELSA", Discipline.Elsa, RegistrationBody.None, null, null, 8, Role.TherapyAssistant, "elsa", Days(main, all));
        Add("TAS", "Mr", "Dafydd", "Pryce", "Therapy assistant", Discipline.TherapyAssistant, RegistrationBody.None, null, null, null, null, null, Days(juniper, all));
        Add("SEN", "Mrs", "Anjali", "Mehta", "SENDCo", null, RegistrationBody.None, null, null, null, Role.Sendco, "sendco");
        Add("DSL", "Mr", "Liam", "Ó Faoláin", "Designated Safeguarding Lead", null, RegistrationBody.None, null, null, null, Role.Dsl, "dsl");
        Add("HDT", "Mrs", "Catherine", "Ashworth", "Headteacher", null, RegistrationBody.None, null, null, null, Role.Headteacher, "headteacher");
        Add("ADM", "Ms", "Dorota", "Zielińska", "School business manager", null, RegistrationBody.None, null, null, null, Role.Administrator, "admin");
        Add("TCH1", "Mr", "Kwabena", "Asante", "Year 9 tutor, teacher of English", null, RegistrationBody.None, null, null, null, Role.EducationStaff, "teacher");
        string[][] teachers =
        [
            ["Ms", "Harriet", "Fenwick", "Teacher of Maths"], ["Mr", "Jonah", "Abramowitz", "Teacher of Science"], ["Mrs", "Yetunde", "Bakare", "Year 3 teacher"],
            ["Miss", "Eleanor", "Price-Davies", "Reception teacher"], ["Mr", "Hamid", "Karimi", "Head of Year 7"], ["Ms", "Róisín", "Gallagher", "Pastoral lead"],
            ["Mr", "Callum", "Stewart", "Teacher of PE"], ["Mrs", "Wen", "Zhou", "Teacher of Art"],
        ];
        var n = 2;
        foreach (var t in teachers)
        {
            Add($"TCH{n++}", t[0], t[1], t[2], t[3], null, RegistrationBody.None, null, null, null, null, null);
        }

        return list;
    }

    private static List<DemoStaff> MeadowsideStaff(SchoolId school, SiteId main)
    {
        StaffMember Make(string code, string title, string first, string last, string job, Discipline? d, RegistrationBody body, string? reg, int? cap)
        {
            var m = StaffMember.Create(school, code, new StaffDetails(title, first, last, null, job, d, body, reg, reg is null ? null : new DateOnly(2027, 7, 31), cap));
            m.SetWorkingPattern([new WorkingBlock(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(15, 0), main), new WorkingBlock(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(15, 0), main)]);
            return m;
        }

        return
        [
            new(Make("CNS", "Mr", "Declan", "Byrne", "Counsellor", Discipline.Counselling, RegistrationBody.Bacp, "BACP-00410021", 12), Role.HeadOfTherapy, "head.of.therapy"),
            new(Make("ELS", "Ms", "Parveen", "Akhtar", "ELSA", Discipline.Elsa, RegistrationBody.None, null, 6), null, null),
            new(Make("ADM", "Mrs", "Janet", "Okoro", "Office manager", null, RegistrationBody.None, null, null), Role.Administrator, "admin"),
            new(Make("DSL", "Mrs", "Grace", "Adeyemi", "Designated Safeguarding Lead", null, RegistrationBody.None, null, null), Role.Dsl, "dsl"),
        ];
    }

    /// <summary>Each practitioner starts with part of their caseload filled, mostly pupils with an EHCP or SEN support.</summary>
    private void OpenDemoEpisodes(SchoolId school, List<StaffMember> staff, List<Pupil> pupils, DateOnly today)
    {
        var candidates = pupils.Where(p => p.SenStatus != SenStatus.None).Concat(pupils.Where(p => p.SenStatus == SenStatus.None)).ToList();
        var next = 0;
        foreach (var practitioner in staff.Where(s => s.Discipline is not null && s.CaseloadCapacity is > 0))
        {
            var count = Math.Max(1, practitioner.CaseloadCapacity!.Value / 3);
            for (var i = 0; i < count && next < candidates.Count; i++, next++)
            {
                var start = today.AddDays(-7 * _random.Next(1, 30));
                // Allocated on the day it started, as the MDT would have done then.
                db.Episodes.Add(Caseload.Episode.Open(school, candidates[next].Id, practitioner.Discipline!.Value, start, new Caseload.EpisodeOpening(practitioner, i, false, start)).Value);
            }
        }
    }

    private Pupil MakePupil(SchoolId school, int i, bool full, SiteId main, SiteId? juniper, DateTime now, DateOnly today)
    {
        var year = full ? (i % 12) switch { 0 => YearGroups.Reception, var y => y } : (i % 7);
        string first, last;
        string? prefFirst = null, prefLast = null;
        if (full && i % 12 == 5 && i / 12 < DemoNames.OwnScript.Length)
        {
            var own = DemoNames.OwnScript[i / 12];
            (first, last, prefFirst, prefLast) = own;
        }
        else
        {
            first = Pick(DemoNames.FirstNames);
            last = Pick(DemoNames.LastNames);
            if (_random.Next(15) == 0)
            {
                prefFirst = first.Length > 4 ? first[..3] : null;
            }
        }

        var senRoll = _random.Next(100);
        var sen = full ? senRoll < 22 ? SenStatus.Ehcp : senRoll < 50 ? SenStatus.SenSupport : SenStatus.None
            : senRoll < 8 ? SenStatus.Ehcp : senRoll < 25 ? SenStatus.SenSupport : SenStatus.None;
        var academicStartYear = today.Month >= 9 ? today.Year : today.Year - 1;
        var bornFrom = new DateOnly(academicStartYear - 5 - year, 9, 1);
        var dob = bornFrom.AddDays(_random.Next(365));
        var site = full && year <= 6 ? juniper : main;
        var tutor = year <= 6 ? $"{YearGroups.Label(year).Replace("Year ", "Y", StringComparison.Ordinal)} {Pick(["Oak", "Ash", "Rowan"])}" : $"{year}{Pick(DemoNames.TutorSuffixes)}";
        var details = new PupilDetails(first, last, prefFirst, prefLast, dob, year, tutor,
            CareExperienced: _random.Next(100) < 7, sen, PupilPremium: _random.Next(100) < 28, site);
        return Pupil.Create(school, NextUpn(full ? "8204012" : "8202104", dob), details, now);
    }

    private List<(Pupil Pupil, Carer Carer)> MakeCarers(SchoolId school, List<Pupil> pupils)
    {
        var result = new List<(Pupil, Carer)>();
        var n = 0;
        foreach (var pupil in pupils)
        {
            var count = pupil.CareExperienced ? 1 : _random.Next(3) == 0 ? 1 : 2;
            for (var k = 0; k < count; k++)
            {
                var relationship = pupil.CareExperienced ? "Foster carer" : k == 0 ? Pick(["Mother", "Father", "Grandmother"]) : Pick(DemoNames.Relationships);
                var first = Pick(DemoNames.FirstNames);
                var lastName = pupil.CareExperienced || k > 0 && _random.Next(3) == 0 ? Pick(DemoNames.LastNames) : pupil.LegalLastName;
                var title = relationship is "Father" or "Grandfather" or "Stepfather" ? "Mr" : relationship is "Foster carer" ? null : "Ms";
                n++;
                var carer = Carer.Create(school, new CarerDetails(
                    $"C{n:D5}", title, first, lastName,
                    $"parent{n}@families.example", $"07700 9{n % 100000:D5}", null,
                    _random.Next(4) == 0 ? ContactPreference.Phone : ContactPreference.Email,
                    _random.Next(8) == 0 ? Pick(["Polish", "Urdu", "Arabic", "Romanian", "Yoruba"]) : null));
                db.Carers.Add(carer);
                var link = CarerLink.Create(school, pupil.Id, carer.Id, relationship, parentalResponsibility: relationship != "Aunt", k + 1);
                if (!pupil.CareExperienced && k == 1 && _random.Next(12) == 0)
                {
                    link.Restrict("Court order: no information to be shared");
                }

                db.CarerLinks.Add(link);
                result.Add((pupil, carer));
            }
        }

        return result;
    }

    private Upn NextUpn(string laAndSchool, DateOnly dob)
    {
        var twelve = $"{laAndSchool}{(dob.Year + 4) % 100:D2}{++_upnSerial % 1000:D3}";
        return Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var upn, out var problem)
            ? upn
            : throw new InvalidOperationException($"Demo UPN generation is broken: {problem}");
    }

    private async Task<AppUser> CreateUserAsync(string userName, string displayName, Role role, SchoolId school, List<DemoAccount> accounts, string who, CancellationToken ct)
    {
        var password = RandomPassword();
        var user = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo account {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        db.Memberships.Add(Membership.Grant(user.Id, school, role, clock.GetUtcNow().UtcDateTime, null));
        accounts.Add(new DemoAccount(role, userName, password, who));
        ct.ThrowIfCancellationRequested();
        return user;
    }

    private static string RandomPassword()
    {
        var words = DemoNames.PasswordWords.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(3);
        return string.Join('-', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "-" + RandomNumberGenerator.GetInt32(10, 100).ToString(CultureInfo.InvariantCulture);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
