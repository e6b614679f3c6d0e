using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Development;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Development;

/// <summary>Arranges staff and supervision history in a test school, as the school would have it.</summary>
internal static class DevelopmentData
{
    public static DateOnly Today(TestApp app) => SchoolTime.London.Today(app.Clock);

    public static async Task<T> WithDbAsync<T>(TestApp app, TestSchool school, Func<SecureBaseDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await work(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), scope.ServiceProvider);
    }

    public static Task<StaffId> StaffIdOfAsync(TestApp app, TestSchool school, Role role) =>
        WithDbAsync(app, school, (db, _) => db.StaffMembers.Where(s => s.UserId == school[role].Id).Select(s => s.Id).SingleAsync());

    /// <summary>Adds a practitioner to the staff list (no account).</summary>
    public static Task<StaffId> AddPractitionerAsync(TestApp app, TestSchool school, string firstName, string lastName, Discipline discipline,
        RegistrationBody body = RegistrationBody.None, DateOnly? renewal = null) =>
        WithDbAsync(app, school, async (db, _) =>
        {
            var staff = StaffMember.Create(school.Id, "P" + TestSchool.Letters(6), new StaffDetails(null, firstName, lastName, null, Disciplines.Practitioner(discipline),
                discipline, body, body == RegistrationBody.None ? null : "AS12345", renewal, 10));
            db.StaffMembers.Add(staff);
            await db.SaveChangesAsync();
            return staff.Id;
        });

    /// <summary>A supervision session held <paramref name="daysAgo"/> days ago, saved as recorded.</summary>
    public static Task<SupervisionId> SupervisedAsync(TestApp app, TestSchool school, StaffId supervisor, IReadOnlyList<StaffId> supervisees, int daysAgo,
        SupervisionType type = SupervisionType.Individual, string? notes = null) =>
        WithDbAsync(app, school, async (db, _) =>
        {
            var people = await db.StaffMembers.Where(s => s.Id == supervisor || supervisees.Contains(s.Id)).ToListAsync();
            var today = Today(app);
            var session = SupervisionSession.Record(school.Id, today.AddDays(-daysAgo), people.Single(p => p.Id == supervisor),
                people.Where(p => supervisees.Contains(p.Id)).ToList(), type, notes, today, school[Role.HeadOfTherapy].Id, app.Clock.GetUtcNow().UtcDateTime).Value;
            db.SupervisionSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
}
