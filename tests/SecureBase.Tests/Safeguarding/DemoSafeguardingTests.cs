using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Safeguarding;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Safeguarding;

/// <summary>The demo DSL's page is not empty: concerns in every state, the demo referral's worry as a concern, and a child protection file on its way to the other demo school.</summary>
public sealed class DemoSafeguardingTests
{
    [Fact]
    public async Task TheDemoSchool_HasConcernsUnopenedBeingWorkedAndClosed_AndTheReferralWorryIsAConcern()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
        var concerns = await db.Concerns.AsNoTracking().ToListAsync();
        concerns.ShouldContain(c => c.FirstOpenedAt == null && ConcernWords.IsUrgent(c.Category), "an urgent concern waits to be opened");
        concerns.ShouldContain(c => c.FirstOpenedAt != null && c.ClosedAt == null, "one is being worked through");
        concerns.ShouldContain(c => c.ClosedAt != null && c.Outcome != null, "one is closed with an outcome");
        concerns.ShouldContain(c => c.Source == ConcernSource.Referral && c.WhatWasSeenOrSaid.Contains("bruising"), "the demo referral's worry became a concern");
        (await db.ConcernEntries.CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        (await db.Referrals.AsNoTracking().Where(r => r.SafeguardingWorry).Select(r => r.SafeguardingDetails).ToListAsync()).ShouldAllBe(d => d == null);

        // A child protection file sent to Meadowside Primary, waiting for its DSL to confirm receipt (and told).
        var meadowside = await db.Schools.SingleAsync(s => s.Name == "Meadowside Primary");
        var transfer = await db.CpFileTransfers.AsNoTracking().SingleAsync(t => t.FromSchoolId == school.Id && t.ToSchoolId == meadowside.Id);
        transfer.ConfirmedAt.ShouldBeNull();
        transfer.Lines.ShouldNotBeEmpty();
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(meadowside.Id);
        (await db.Notifications.AsNoTracking().CountAsync(n => n.Link == $"/safeguarding/transfers/{transfer.Id}")).ShouldBe(1);
    }
}
