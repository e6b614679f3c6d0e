using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Tests.Support;

/// <summary>A person who can sign in to a test school.</summary>
public sealed record TestUser(Guid Id, string UserName, string Password, Role Role, string? AuthenticatorKey);

/// <summary>
/// A school of its own for a test: one user per role (two-factor set up where the role needs it),
/// staff records for staff, a pupil with a linked parent and the pupil's own account.
/// </summary>
public sealed class TestSchool
{
    public const string Password = "test-password-for-every-test-user";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Hashes = new();
    private static readonly ConcurrentDictionary<Guid, long> LastStep = new();

    private readonly TestApp _app;

    private TestSchool(TestApp app, SchoolId id, string name)
    {
        _app = app;
        Id = id;
        Name = name;
    }

    public SchoolId Id { get; }
    public string Name { get; }
    public SiteId SiteId { get; private set; }
    public Dictionary<Role, TestUser> Users { get; } = [];
    public PupilId PupilId { get; private set; }
    public string PupilLastName { get; private set; } = "";

    /// <summary>Strings that belong to this school alone: if another school's user ever sees one, data has leaked.</summary>
    public IEnumerable<string> Markers => [Name, PupilLastName, .. Users.Values.Select(u => u.UserName), .. Users.Values.Select(u => u.Id.ToString()), PupilId.ToString()];

    public static string Letters(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
    public StaffId TherapistStaffId { get; private set; }
    public CarerLinkId CarerLinkId { get; private set; }
    public SecureBase.Tests.Schools.TestCalendar Calendar { get; private set; } = null!;
    public EpisodeId EpisodeId { get; private set; }
    public SecureBase.Referrals.ReferralId ReferralId { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid ActionId { get; private set; }

    /// <summary>A multi-purpose room at the school's site, with no therapy hours (route samples for the rooms pages).</summary>
    public SecureBase.Common.RoomId RoomId { get; private set; }

    /// <summary>The pupil's EHCP (up to date, one line of counselling) and a notification for the SENDCo: see <see cref="TestSchoolEhcp"/>.</summary>
    public TestSchoolEhcp Ehcp { get; private set; } = null!;

    public TestUser this[Role role] => Users[role];

    // timeZoneId: the time zone the school is kept in, the UK's unless a test needs the school's own clock to differ.
    public static async Task<TestSchool> CreateAsync(TestApp app, string? name = null, string timeZoneId = School.DefaultTimeZone)
    {
        name ??= "Test school " + Letters(8);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var school = School.Create(name, null, null, timeZoneId, now);
        db.Schools.Add(school);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id, timeZoneId);
        var result = new TestSchool(app, school.Id, name);

        var site = Site.Create(school.Id, "Main site");
        db.Sites.Add(site);
        result.SiteId = site.Id;
        var upn = Upn.TryParse("R201100018042", out var parsed, out var problem) ? parsed : throw new InvalidOperationException(problem);
        result.PupilLastName = "O'Neill-" + Letters(8);
        var pupil = Pupil.Create(school.Id, upn, new PupilDetails("Jamal", result.PupilLastName, null, null, new DateOnly(2014, 3, 2), 7, "7A", false, SenStatus.Ehcp, false, site.Id), now);
        db.Pupils.Add(pupil);
        result.PupilId = pupil.Id;
        result.Calendar = SecureBase.Tests.Schools.CalendarTestData.AddTo(db, school.Id);
        var room = SecureBase.Rooms.Room.Create(school.Id, site.Id, "Test meeting room", SecureBase.Rooms.RoomKind.MultiPurpose, [], [], secureStorage: false);
        db.Rooms.Add(room);
        result.RoomId = room.Id;

        var hash = Hashes.GetOrAdd(app.Provider.ToString(), _ => new Lazy<string>(() =>
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Password))).Value;
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var info in RoleInfo.All)
        {
            var user = new AppUser
            {
                UserName = $"{info.Role.ToString().ToLowerInvariant()}.{tag}",
                DisplayName = $"Test {info.Name}",
                PasswordHash = hash,
                CreatedAt = now,
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            string? key = null;
            if (info.RequiresTwoFactor)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            }

            db.Memberships.Add(Membership.Grant(user.Id, school.Id, info.Role, now, null));
            if (info.IsStaff && info.Role != Role.LocalAuthorityOfficer)
            {
                var staff = StaffMember.Create(school.Id, "S" + (int)info.Role, new StaffDetails(null, "Test", info.Name.Replace("/", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), null, info.Name,
                    info.Role == Role.Therapist ? Discipline.Counselling : info.Role == Role.TherapyAssistant ? Discipline.Elsa : null, RegistrationBody.None, null, null, 20));
                staff.LinkAccount(user.Id);
                db.StaffMembers.Add(staff);
                if (info.Role == Role.Therapist)
                {
                    // The school's pupil is on the therapist's caseload.
                    result.TherapistStaffId = staff.Id;
                    var episode = SecureBase.Caseload.Episode.Import(school.Id, pupil.Id, staff.Id, Discipline.Counselling, DateOnly.FromDateTime(now).AddDays(-30));
                    db.Episodes.Add(episode);
                    result.EpisodeId = episode.Id;
                }
            }
            else if (info.Role == Role.ParentCarer)
            {
                var carer = Carer.Create(school.Id, new CarerDetails("P" + tag, "Ms", "Test", "Parent", null, null, null, ContactPreference.Email, null));
                carer.LinkAccount(user.Id);
                db.Carers.Add(carer);
                var link = CarerLink.Create(school.Id, pupil.Id, carer.Id, "Mother", true, 1);
                db.CarerLinks.Add(link);
                result.CarerLinkId = link.Id;
            }
            else if (info.Role == Role.Pupil)
            {
                pupil.LinkAccount(user.Id);
            }

            result.Users[info.Role] = new TestUser(user.Id, user.UserName, Password, info.Role, key);
        }

        result.Ehcp = TestSchoolEhcp.Add(db, pupil, result.Users[Role.Sendco].Id, now);
        // A referral from the teacher, waiting for triage, and last week's MDT meeting with an action for the Head of Therapy.
        var teacher = result.Users[Role.EducationStaff];
        var referral = SecureBase.Referrals.Referral.Receive(school.Id, pupil.Id, new SecureBase.Referrals.NewReferral(
            SecureBase.Referrals.ReferralSource.EducationStaff, teacher.Id, "Test Education staff", Discipline.SpeechAndLanguage,
            SecureBase.Referrals.ReferralReason.Communication, null, "Finds it hard to follow spoken instructions in class.", null,
            SecureBase.Referrals.ReferralUrgency.Routine, true, false, Guid.NewGuid()), now);
        db.Referrals.Add(referral);
        result.ReferralId = referral.Id;
        var meeting = SecureBase.Caseload.MdtMeeting.Prepare(school.Id, DateOnly.FromDateTime(now).AddDays(-7), [], result.Users[Role.HeadOfTherapy].Id, now);
        db.MdtMeetings.Add(meeting);
        result.MeetingId = meeting.Id;
        var action = SecureBase.Caseload.MdtAction.Agree(school.Id, meeting.Id, "Ring the speech and language service", result.Users[Role.HeadOfTherapy].Id, "Test Head of Therapy", DateOnly.FromDateTime(now).AddDays(7));
        db.MdtActions.Add(action);
        result.ActionId = action.Id;

        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>A browser signed in as the school's user with this role (password, then authenticator code where set up).</summary>
    public Task<TestClient> SignInAsync(Role role) => SignInAsync(_app, Users[role]);

    public static async Task<TestClient> SignInAsync(TestApp app, TestUser user)
    {
        var client = new TestClient(app.NewBrowser());
        var response = await client.SubmitAsync("/login", [Form.Field("Input.UserName", user.UserName), Form.Field("Input.Password", user.Password)]);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal))
        {
            // Tests running side by side move the shared clock on between making a code and the server
            // checking it, now and then past the server's window: a code refused that way is followed
            // by the next one, as a person would type the next code their app shows.
            var twoFactor = response.Headers.Location.OriginalString;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                response = await client.SubmitAsync(twoFactor, [Form.Field("Input.Code", NextCode(app, user))]);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    break;
                }
            }
        }

        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            var page = await TestClient.ReadAsync(response);
            throw new InvalidOperationException($"Signing in as {user.UserName} did not reach the home page: {(int)response.StatusCode} {response.Headers.Location} {string.Join(" | ", page.Errors)}");
        }

        return client;
    }

    /// <summary>
    /// A code the application will accept now: each 30-second code works once, so a user who signs
    /// in again within the same half-minute gets the next step's code (or the clock moves on).
    /// </summary>
    public static string NextCode(TestApp app, TestUser user)
    {
        var key = user.AuthenticatorKey ?? throw new InvalidOperationException($"{user.UserName} has no authenticator.");
        lock (LastStep)
        {
            var now = app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            // The current step (or the next, if this one was used): still inside the server's window if a step boundary passes meanwhile.
            var step = Math.Max(now, LastStep.GetValueOrDefault(user.Id) + 1);
            if (step > now + 1)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(30 * (step - now - 1)));
            }

            LastStep[user.Id] = step;
            return AuthenticatorApp.CodeForStep(key, step);
        }
    }
}
