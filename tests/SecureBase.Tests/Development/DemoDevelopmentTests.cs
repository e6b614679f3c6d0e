using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Development;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Development;

/// <summary>The demo school's staff development: one practitioner overdue for supervision, CPD, training, a renewal due, a risk assessment not yet acknowledged.</summary>
public sealed class DemoDevelopmentTests
{
    [Fact]
    public async Task TheDemoSchool_HasSupervisionWithOneOverdue_Cpd_StaffTraining_ARenewalInFiveWeeks_AndOneLoneWorkingAcknowledgementMissing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var today = SchoolTime.London.Today(app.Clock);

        var standings = await scope.ServiceProvider.GetRequiredService<SupervisionDesk>().StandingsAsync(today, wholeTeam: true, default);
        standings.Count(s => s.Overdue).ShouldBe(1);
        standings.Count(s => !s.Overdue).ShouldBeGreaterThan(3);
        (await db.CpdRecords.CountAsync()).ShouldBeGreaterThan(0);
        var training = await db.StaffTrainings.SingleAsync();
        training.Title.ShouldBe("SEMH awareness and key indicators");
        training.Attendees.Count(a => !a.Attended).ShouldBe(1);
        (await db.StaffMembers.CountAsync(s => s.RegistrationRenewal == today.AddDays(35))).ShouldBe(1);
        var v2 = await db.LoneWorkingVersions.SingleAsync(v => v.Version == 2);
        var practitioners = await db.StaffMembers.CountAsync(s => s.Discipline != null && s.LeftOn == null);
        (await db.LoneWorkingAcknowledgements.CountAsync(a => a.VersionId == v2.Id)).ShouldBe(practitioners - 1);
    }
}
