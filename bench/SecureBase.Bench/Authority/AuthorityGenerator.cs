using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Identity.Clients;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Bench.Authority;

/// <summary>What kind of school, which decides its size and how many of its pupils have an EHCP.</summary>
internal enum SchoolKind
{
    Special,
    Primary,
    Secondary,
}

/// <summary>One school of the generated data set.</summary>
internal sealed record SchoolShape(string Name, SchoolKind Kind, int Pupils);

/// <summary>
/// The sign-in the load benchmark uses: the Head of Therapy of the busiest school, with an authenticator; and that school's
/// API client (granted the pupil directory and the waiting list) with its secret.
/// </summary>
internal sealed record BenchAccount(string UserName, string Password, string AuthenticatorKey, string SchoolName, Guid LatestMeeting, string ClientId, string ClientSecret);

/// <summary>What was generated, for the table's heading.</summary>
internal sealed record GeneratedCounts(int Schools, int Pupils, int WithEhcp, int Practitioners, int Referrals, int OpenEpisodes, int Meetings, int Sessions, TimeSpan Took, int Notes);

/// <summary>
/// Generates a local authority's data through the application's DbContext: schools of varied sizes,
/// pupils (some with EHCPs and provision), practitioners with accounts, a year of referrals in every
/// state, the open episodes the allocated ones became, weekly MDT meetings, and rooms, a calendar and a
/// timetable whose past weeks' sessions are recorded with attendance and notes (AuthorityGenerator.Timetable.cs).
/// Entities come from the domain factories (so they satisfy the rules); they are saved school by school
/// in batches with change detection off, which keeps 20,000 pupils to a few minutes. Deterministic from its seed.
/// </summary>
internal sealed partial class AuthorityGenerator(IServiceProvider services, int sessionWeeks)
{
    private const string Password = "quiet-lantern-over-the-marsh";
    private static readonly string[] First = ["Oliver", "Zoë", "Muhammad", "Aoife", "Amelia", "Kwame", "Priya", "Jean-Luc", "Siobhán", "Noah", "Leila", "Harry", "Fatima", "Jack", "Mia", "Dmitri"];
    private static readonly string[] Last = ["O'Sullivan", "Patel", "Smith-Jones", "Nowak", "Okafor", "Begum", "Evans", "Ó Briain", "Taylor", "Khan", "Williams", "Brown", "Ahmed", "Wilson", "Hughes", "Kowalski"];
    private static readonly Discipline[] Therapies =
    [
        Discipline.SpeechAndLanguage, Discipline.OccupationalTherapy, Discipline.Counselling, Discipline.PlayTherapy,
        Discipline.ArtTherapy, Discipline.Cbt, Discipline.Elsa, Discipline.Counselling, Discipline.SpeechAndLanguage,
    ];

    private readonly Random _random = new(2026);
    private int _pupils, _ehcp, _practitioners, _referrals, _episodes, _meetings, _sessions;

    /// <summary>50 schools, about 20,000 pupils: 6 secondaries of 1,300–1,700, 36 primaries of 200–360, 8 special schools of 80–120.</summary>
    public static IReadOnlyList<SchoolShape> LocalAuthority()
    {
        var random = new Random(50);
        var schools = new List<SchoolShape>();
        int[] secondary = [1700, 1600, 1500, 1450, 1400, 1350];
        for (var i = 0; i < secondary.Length; i++)
        {
            schools.Add(new SchoolShape($"{Place(i)} Academy", SchoolKind.Secondary, secondary[i]));
        }

        for (var i = 0; i < 36; i++)
        {
            schools.Add(new SchoolShape($"{Place(i + 6)} Primary", SchoolKind.Primary, 200 + random.Next(0, 161)));
        }

        for (var i = 0; i < 8; i++)
        {
            schools.Add(new SchoolShape($"{Place(i + 42)} Special School", SchoolKind.Special, 80 + random.Next(0, 41)));
        }

        return schools;
    }

    /// <summary>One primary of 300 pupils on its own: the baseline a school-scoped page must not be more than 2× slower than.</summary>
    public static IReadOnlyList<SchoolShape> SmallSchool() => [new SchoolShape("Meadowside Primary", SchoolKind.Primary, 300)];

    private static string Place(int i)
    {
        string[] a = ["Holly", "Oak", "River", "Ash", "Elm", "Willow", "Kings", "Queens", "Bridge", "Mill"];
        string[] b = ["brook", "field", "side", "wood", "gate", "ton"];
        return a[i % a.Length] + b[i / a.Length % b.Length] + (i >= 60 ? " " + i.ToString(CultureInfo.InvariantCulture) : "");
    }

    /// <summary>Fills the (freshly migrated, empty) database; the first school in the list is the one the benchmark signs in to.</summary>
    public async Task<(BenchAccount Account, GeneratedCounts Counts)> GenerateAsync(IReadOnlyList<SchoolShape> shapes)
    {
        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = SchoolTime.London.Today(TimeProvider.System);

        // One real password hash, shared by every generated account: hashing 300 passwords would take longer than the rest.
        string passwordHash;
        BenchAccount? bench = null;
        AuthorityId authorityId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
            var authority = Schools.Authority.Create("Riverside Borough Council", AuthorityKind.LocalAuthority);
            db.Authorities.Add(authority);
            await db.SaveChangesAsync();
            authorityId = authority.Id;
            passwordHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        }

        var busiest = shapes.MaxBy(s => s.Pupils)!;
        for (var s = 0; s < shapes.Count; s++)
        {
            var account = await SchoolAsync(shapes[s], s, authorityId, passwordHash, shapes[s] == busiest, now, today);
            bench ??= account;
        }

        return (bench!, new GeneratedCounts(shapes.Count, _pupils, _ehcp, _practitioners, _referrals, _episodes, _meetings, _sessions, clock.Elapsed, _notes));
    }

    private async Task<BenchAccount?> SchoolAsync(SchoolShape shape, int index, AuthorityId authorityId, string passwordHash, bool signsIn, DateTime now, DateOnly today)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var school = School.Create(shape.Name, (100000 + index).ToString(CultureInfo.InvariantCulture), authorityId, School.DefaultTimeZone, now);
        db.Schools.Add(school);
        await db.SaveChangesAsync();
        db.SchoolContext.Switch(school.Id, school.TimeZoneId);
        var site = Site.Create(school.Id, "Main site");
        db.Sites.Add(site);

        // Pupils: special schools mostly with EHCPs; elsewhere about 7%, so the authority has about 2,000.
        var ehcpShare = shape.Kind == SchoolKind.Special ? 0.9 : 0.067;
        var pupils = new List<Pupil>(shape.Pupils);
        var academicStartYear = today.Month >= 9 ? today.Year : today.Year - 1;
        for (var i = 0; i < shape.Pupils; i++)
        {
            var year = shape.Kind switch
            {
                SchoolKind.Primary => i % 7,
                SchoolKind.Secondary => 7 + i % 7,
                _ => 1 + i % 13,
            };
            var twelve = $"820{index:D4}{i:D5}";
            if (!Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var upn, out var problem))
            {
                throw new InvalidOperationException(problem);
            }

            var sen = _random.NextDouble() < ehcpShare ? SenStatus.Ehcp : _random.Next(100) < 15 ? SenStatus.SenSupport : SenStatus.None;
            var dob = new DateOnly(academicStartYear - 5 - year, 9, 1).AddDays(_random.Next(365));
            var pupil = Pupil.Create(school.Id, upn, new PupilDetails(Pick(First), Pick(Last), null, null, dob, year,
                $"{year}{(char)('A' + _random.Next(4))}", _random.Next(30) == 0, sen, _random.Next(4) == 0, site.Id), now);
            pupils.Add(pupil);
            db.Pupils.Add(pupil);
        }

        _pupils += pupils.Count;

        // EHCPs with one or two lines of therapy provision.
        foreach (var pupil in pupils.Where(p => p.SenStatus == SenStatus.Ehcp))
        {
            var planDate = today.AddDays(-_random.Next(30, 330));
            var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(planDate, planDate.AddMonths(12), "Riverside Borough Council", null), today, now);
            if (!plan.IsSuccess)
            {
                throw new InvalidOperationException(plan.Error!.Message);
            }

            db.EhcpPlans.Add(plan.Value);
            foreach (var d in Therapies.OrderBy(_ => _random.Next()).Take(1 + _random.Next(2)).Distinct())
            {
                var item = plan.Value.AddProvision(pupil, new ProvisionDetails(d, 1, ProvisionFrequency.PerWeek, 30 + 15 * _random.Next(3), ProvisionDelivery.Individual, Disciplines.Practitioner(d)), now);
                db.ProvisionItems.Add(item.IsSuccess ? item.Value : throw new InvalidOperationException(item.Error!.Message));
            }

            _ehcp++;
        }

        // Practitioners: about one for every 67 pupils (300 in the authority), at least three; the first is the Head of Therapy.
        var count = Math.Max(3, (int)Math.Round(shape.Pupils / 67.0));
        var staff = new List<(StaffMember Member, AppUser User)>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        BenchAccount? bench = null;
        string? benchKey = null;
        for (var i = 0; i < count; i++)
        {
            var discipline = i == 0 ? Discipline.Psychotherapy : Therapies[i % Therapies.Length];
            var first = Pick(First);
            var last = Pick(Last);
            var member = StaffMember.Create(school.Id, $"P{i:D3}", new StaffDetails("Ms", first, last, null, Disciplines.Practitioner(discipline), discipline,
                RegistrationBody.None, null, null, 20));
            member.SetWorkingPattern([.. Enumerable.Range(1, 5).Select(d => new WorkingBlock((DayOfWeek)d, new TimeOnly(8, 45), new TimeOnly(15, 30), site.Id))]);
            var userName = $"s{index:D2}.p{i:D3}";
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = $"{first} {last}",
                CreatedAt = now,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                PasswordHash = passwordHash,
            };
            db.Users.Add(user);
            member.LinkAccount(user.Id);
            db.StaffMembers.Add(member);
            db.Memberships.Add(Membership.Grant(user.Id, school.Id, i == 0 ? Role.HeadOfTherapy : Role.Therapist, now, null));
            staff.Add((member, user));
        }

        _practitioners += count;
        await db.SaveChangesAsync();
        if (signsIn)
        {
            // The Head of Therapy of the busiest school gets an authenticator, as the role requires.
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var hot = await users.FindByIdAsync(staff[0].User.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(hot!);
            await users.SetTwoFactorEnabledAsync(hot!, true);
            benchKey = await users.GetAuthenticatorKeyAsync(hot!);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
        }

        db.ChangeTracker.Clear();

        // A year of referrals: each practitioner's open caseload (about 12) came from an allocated referral; others wait, are
        // being looked at, or were declined, redirected or closed.
        var hotUser = staff[0].User;
        var free = new Queue<Pupil>(pupils.OrderBy(p => p.SenStatus == SenStatus.Ehcp ? 0 : 1).ThenBy(_ => _random.Next()));
        var openEpisodes = new List<(Episode Episode, StaffMember Member, Guid UserId)>();
        foreach (var (member, user) in staff)
        {
            var caseload = 10 + _random.Next(5);
            for (var i = 0; i < caseload && free.Count > 0; i++)
            {
                var pupil = free.Dequeue();
                var received = now.AddDays(-_random.Next(30, 330));
                var referral = Receive(school.Id, pupil, member.Discipline, received);
                referral.Accept(member.Discipline!.Value, 1 + _random.Next(4), null, hotUser.Id, received.AddDays(3));
                var start = DateOnly.FromDateTime(received).AddDays(14 + _random.Next(14));
                if (start >= today)
                {
                    start = today.AddDays(-7);
                }

                var episode = Episode.Import(school.Id, pupil.Id, member.Id, member.Discipline.Value, start, referral.Id);
                episode.RecordConfidentialityExplained(start, "Listened carefully and said it felt fair", today);
                referral.Allocate(episode.Id, hotUser.Id, received.AddDays(14));
                db.Referrals.Add(referral);
                db.Episodes.Add(episode);
                openEpisodes.Add((episode, member, user.Id));
            }

            for (var i = 0; i < 9 && free.Count > 0; i++)
            {
                var pupil = free.Dequeue();
                var received = now.AddDays(-_random.Next(0, 330));
                var referral = Receive(school.Id, pupil, _random.Next(2) == 0 ? member.Discipline : null, received);
                var decided = received.AddDays(2);
                _ = i switch
                {
                    0 or 1 or 2 => referral.Accept(member.Discipline!.Value, 1 + _random.Next(4), null, hotUser.Id, decided),
                    3 => referral.StartReview(hotUser.Id, decided),
                    4 or 5 => referral.Decline("The school's pastoral team can support this well", hotUser.Id, decided),
                    6 or 7 => referral.Redirect("CAMHS", "Referred on to CAMHS with the family's consent", hotUser.Id, decided),
                    _ => Outcome.Ok,
                };
                db.Referrals.Add(referral);
            }
        }

        _referrals += db.ChangeTracker.Entries<Referral>().Count();
        _episodes += openEpisodes.Count;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // A weekly MDT for a year: the past ones held, next week's planned; actions open from the last month.
        var latest = Guid.Empty;
        var monday = SchoolDates.MondayOf(today);
        for (var w = 38; w >= -1; w--)
        {
            var heldOn = monday.AddDays(-7 * w + 2);
            var agenda = Enumerable.Range(0, 5).Select(k =>
            {
                var p = pupils[_random.Next(pupils.Count)];
                return new MdtAgendaItem(k % 2 == 0 ? AgendaItemKind.NewReferral : AgendaItemKind.ReadyForAllocation, $"{p.DisplayName}: discuss", null, p.Id, null);
            });
            var heldAt = heldOn.ToDateTime(new TimeOnly(15, 30), DateTimeKind.Utc);
            var meeting = MdtMeeting.Prepare(school.Id, heldOn, agenda, hotUser.Id, heldAt.AddDays(-2));
            if (heldOn < today)
            {
                meeting.Record(string.Join(", ", staff.Take(6).Select(s => s.User.DisplayName)), null, "Caseloads and new referrals", "Allocations agreed", hotUser.Id, heldAt);
            }

            db.MdtMeetings.Add(meeting);
            if (w is >= 0 and <= 4)
            {
                db.MdtActions.Add(MdtAction.Agree(school.Id, meeting.Id, "Ask the family about a time for the review", hotUser.Id, hotUser.DisplayName, heldOn.AddDays(7)));
                db.MdtActions.Add(MdtAction.Agree(school.Id, meeting.Id, "Book the assessment room", staff[^1].User.Id, staff[^1].User.DisplayName, heldOn.AddDays(5)));
            }

            if (w == 0 || latest == Guid.Empty)
            {
                latest = meeting.Id;
            }

            _meetings++;
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Rooms, the calendar and the timetable; the weeks of sessions so far recorded, with notes.
        await TimetableAsync(db, scope.ServiceProvider, school, site, staff, openEpisodes, pupils, now, today);
        if (signsIn)
        {
            // The school's information system reads the pupil directory and the waiting list through the API.
            var registered = ApiClient.Register(school.Id, hotUser.Id, new ApiClientInput("Riverside pupil information system",
                [SchoolAction.ViewPupils, SchoolAction.ViewWaitingList], today.AddYears(1)), today, now);
            var (client, secret) = registered.IsSuccess ? registered.Value : throw new InvalidOperationException(registered.Error!.Message);
            db.ApiClients.Add(client);
            await db.SaveChangesAsync();
            bench = new BenchAccount(hotUser.UserName!, Password, benchKey!, shape.Name, latest, client.Id.ToString(), secret);
        }

        return bench;
    }

    private Referral Receive(SchoolId school, Pupil pupil, Discipline? asked, DateTime at) =>
        Referral.Receive(school, pupil.Id, new NewReferral(ReferralSource.EducationStaff, null, "Mr Asante", asked,
            _random.Next(2) == 0 ? ReferralReason.EmotionalWellbeing : ReferralReason.Communication | ReferralReason.EhcpRequirement, null,
            "Withdrawn in class since half term; tearful at lunch twice this week.", null, (ReferralUrgency)_random.Next(3), ConsentGiven: true, false, Guid.NewGuid()), at);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
