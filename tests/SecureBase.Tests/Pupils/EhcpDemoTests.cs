using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Pupils;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Pupils;

/// <summary>The demo's EHCPs look like a real school's, and the demo SENDCo has something waiting.</summary>
public sealed class EhcpDemoTests
{
    [Fact]
    public async Task TheDemo_HasPlansForItsEhcpPupils_SomeOutOfDate_AndTheSendcoAndHeadteacherAreTold()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var check = scope.ServiceProvider.GetRequiredService<EhcpReviewCheck>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = await SchoolDate(db, scope, "Hollybrook Academy", check, now);

        var pupils = await db.Pupils.Where(p => p.SenStatus == SenStatus.Ehcp).ToListAsync();
        var plans = await db.EhcpPlans.Include(p => p.Provision).ToListAsync();
        plans.Count.ShouldBe(pupils.Count - 1, "one plan is still to be entered");
        plans.ShouldAllBe(p => p.Provision.Count > 0);
        plans.SelectMany(p => p.Provision).Select(i => i.Frequency).Distinct().Count().ShouldBe(2, "weekly and half-termly provision");
        plans.SelectMany(p => p.Provision).Select(i => i.Delivery).Distinct().Count().ShouldBe(2, "individual and group");
        var offered = await check.OfferedDisciplinesAsync(today);
        var flagged = plans.Select(p => EhcpFlags.For(p, "pupil", offered, today)).Where(f => f.Count > 0).ToList();
        flagged.Count.ShouldBeInRange(2, 6, "a few plans are out of date, not most");
        flagged.SelectMany(f => f).Select(f => f.Kind).ShouldContain(EhcpFlagKind.NotReviewedFor12Months);
        flagged.SelectMany(f => f).Select(f => f.Kind).ShouldContain(EhcpFlagKind.ReviewOverdue);

        // Who was told about out-of-date EHCPs (the demo's session history tells others about other things).
        var told = await db.Notifications.Where(n => n.RequiredAction == SecureBase.Identity.SchoolAction.ViewEhcp)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.UserName).Distinct().ToListAsync();
        told.Order().ShouldBe(["headteacher", "sendco"]);

        await SchoolDate(db, scope, "Meadowside Primary", check, now);
        var meadowside = await db.Notifications.Select(n => n.Body).ToListAsync();
        meadowside.ShouldContain(b => b.Contains("specifies music therapy, which no one at the school currently offers.", StringComparison.Ordinal));
    }

    private static async Task<DateOnly> SchoolDate(SecureBaseDb db, AsyncServiceScope scope, string school, EhcpReviewCheck check, DateTime now)
    {
        var id = await db.Schools.Where(s => s.Name == school).Select(s => s.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(id);
        return check.SchoolDate(now);
    }
}
