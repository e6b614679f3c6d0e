using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Pupils;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>Arranging EHCP scenarios in a test school, directly in its database.</summary>
internal static class EhcpTestData
{
    public static async Task<T> InSchoolAsync<T>(TestApp app, TestSchool school, Func<SecureBaseDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        return await work(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), scope.ServiceProvider);
    }

    public static Task InSchoolAsync(TestApp app, TestSchool school, Func<SecureBaseDb, Task> work) =>
        InSchoolAsync(app, school, async (db, _) =>
        {
            await work(db);
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>Another pupil in the school, optionally on the therapist's caseload and with a plan (dated a month ago, one weekly line of the discipline, SaLT unless said).</summary>
    public static async Task<(PupilId Id, string LastName)> AddPupilAsync(TestApp app, TestSchool school, SenStatus sen, bool onCaseload = false, bool withPlan = false, Discipline planDiscipline = Discipline.SpeechAndLanguage)
    {
        var lastName = "Okafor-" + TestSchool.Letters(8);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        PupilId id = default;
        await InSchoolAsync(app, school, async db =>
        {
            var pupil = Pupil.Create(school.Id, NewUpn(), new PupilDetails("Amara", lastName, null, null, new DateOnly(2015, 1, 9), 6, "6B", false, sen, false, school.SiteId), now);
            db.Pupils.Add(pupil);
            id = pupil.Id;
            if (onCaseload)
            {
                db.Episodes.Add(SecureBase.Caseload.Episode.Import(school.Id, pupil.Id, school.TherapistStaffId, Discipline.Counselling, today.AddDays(-10)));
            }

            if (withPlan)
            {
                var plan = EhcpPlan.Create(pupil, new EhcpPlanDetails(today.AddMonths(-1), today.AddMonths(11), "Riverside Borough Council", null), today, now).Value;
                db.EhcpPlans.Add(plan);
                db.ProvisionItems.Add(plan.AddProvision(pupil, new ProvisionDetails(planDiscipline, 1, ProvisionFrequency.PerWeek, 45, ProvisionDelivery.Individual, Disciplines.Practitioner(planDiscipline)), now).Value);
            }

            await Task.CompletedTask;
        });
        return (id, lastName);
    }

    /// <summary>Gives the staff record of the school's user with this role a responsibility.</summary>
    public static Task SetResponsibilityAsync(TestApp app, TestSchool school, Role role, StaffResponsibility responsibility) =>
        InSchoolAsync(app, school, async db =>
        {
            var staff = await db.StaffMembers.SingleAsync(s => s.UserId == school[role].Id);
            staff.SetResponsibilities(responsibility);
        });

    /// <summary>Moves the test pupil's plan: dated <paramref name="planDate"/>, next review due <paramref name="nextReview"/>.</summary>
    public static Task SetPlanDatesAsync(TestApp app, TestSchool school, DateOnly planDate, DateOnly nextReview) =>
        InSchoolAsync(app, school, async (db, services) =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.Id == school.PupilId);
            var plan = await db.EhcpPlans.Include(p => p.Provision).SingleAsync(p => p.PupilId == school.PupilId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            plan.Update(pupil, new EhcpPlanDetails(planDate, nextReview, plan.LocalAuthority, plan.Notes), DateOnly.FromDateTime(now), now).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>Runs the out-of-date check for the school as the hourly job does, at <paramref name="now"/>.</summary>
    public static Task<EhcpCheckResult> CheckAsync(TestApp app, TestSchool school, DateTime now) =>
        InSchoolAsync(app, school, (_, services) => services.GetRequiredService<EhcpReviewCheck>().RunAsync(now));

    /// <summary>Every notification in the school, oldest first.</summary>
    public static Task<List<Notification>> NotificationsAsync(TestApp app, TestSchool school) =>
        InSchoolAsync(app, school, (db, _) => db.Notifications.AsNoTracking().OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync());

    /// <summary>The notifications about EHCPs (not the test school's welcome).</summary>
    public static async Task<List<Notification>> EhcpNotificationsAsync(TestApp app, TestSchool school) =>
        (await NotificationsAsync(app, school)).Where(n => n.DedupeKey.StartsWith("ehcp:", StringComparison.Ordinal)).ToList();

    private static Upn NewUpn()
    {
        var twelve = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + Random.Shared.Next(10))));
        return Upn.TryParse($"{Upn.CheckLetterFor(twelve)}{twelve}", out var upn, out var problem) ? upn : throw new InvalidOperationException(problem);
    }
}
