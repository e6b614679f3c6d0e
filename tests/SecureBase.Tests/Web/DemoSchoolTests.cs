using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Demo;
using SecureBase.Identity;
using SecureBase.Pupils;
using SecureBase.Rooms;
using SecureBase.Staff;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>The demo school a newcomer signs in to looks like a real school.</summary>
public sealed partial class DemoSchoolTests
{
    [Fact]
    public async Task TheDemoSchool_IsRealistic_AndEveryRoleHasAnAccount()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        var accounts = app.Services.GetRequiredService<DemoAccounts>().Created;
        accounts.Select(a => a.Role).Distinct().Order().ShouldBe(Enum.GetValues<Role>().Order());
        accounts.ShouldAllBe(a => PasswordRules.Check(a.Password, a.UserName, null) == null);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = await db.Schools.SingleAsync(s => s.Name == "Hollybrook Academy");
        scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);

        var pupils = await db.Pupils.ToListAsync();
        pupils.Count.ShouldBeInRange(110, 130);
        pupils.Select(p => p.YearGroup).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
        pupils.Count(p => p.SenStatus == SenStatus.Ehcp).ShouldBeGreaterThan(10);
        pupils.Count(p => p.CareExperienced).ShouldBeGreaterThan(2);
        pupils.Where(p => !Upn.TryParse(p.Upn, out var _, out var _)).ShouldBeEmpty();
        var names = pupils.SelectMany(p => new[] { p.LegalFirstName, p.LegalLastName }).ToList();
        names.ShouldContain(n => n.Contains('\''));
        names.ShouldContain(n => n.Contains('-'));
        names.ShouldContain(n => NonLatin().IsMatch(n));

        var staff = await db.StaffMembers.ToListAsync();
        staff.Where(s => s.Discipline is not null).Select(s => s.Discipline!.Value).Distinct().Order().ShouldBe(Enum.GetValues<Discipline>().Order());
        staff.Count(s => s.Discipline is null).ShouldBeGreaterThanOrEqualTo(8, "SENDCo, DSL, head, office and teachers");
        staff.Where(s => s.Discipline is Discipline.Counselling or Discipline.PlayTherapy or Discipline.Elsa).ShouldAllBe(s => s.RegistrationBody != RegistrationBody.Hcpc);
        staff.Where(s => s.Discipline is Discipline.SpeechAndLanguage or Discipline.OccupationalTherapy).ShouldAllBe(s => s.RegistrationBody == RegistrationBody.Hcpc);

        var links = await db.CarerLinks.ToListAsync();
        pupils.ShouldAllBe(p => links.Any(l => l.PupilId == p.Id));
        links.ShouldContain(l => l.IsRestricted);

        var rooms = await db.Rooms.ToListAsync();
        rooms.Count(r => r.Kind == RoomKind.DedicatedTherapy).ShouldBe(1);
        rooms.Count(r => r.Kind == RoomKind.MultiPurpose).ShouldBe(2);

        var referrals = await db.Referrals.ToListAsync();
        referrals.Select(r => r.Source).Distinct().Count().ShouldBe(4, "staff, a parent, a pupil and the local authority");
        referrals.Count(r => r.Status == SecureBase.Referrals.ReferralStatus.Accepted).ShouldBe(6);
        referrals.ShouldContain(r => r.Status == SecureBase.Referrals.ReferralStatus.Declined);
        referrals.ShouldContain(r => r.Status == SecureBase.Referrals.ReferralStatus.Redirected && r.RedirectedTo == "CAMHS");
        referrals.ShouldContain(r => r.SafeguardingWorry);
        (await db.MdtActions.CountAsync(a => a.DoneAt == null)).ShouldBe(2);

        var file = Path.Combine(app.Database.Folder, DemoModule.AccountsFile);
        File.Exists(file).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        (await File.ReadAllTextAsync(file)).ShouldContain(accounts[0].Password);
    }

    [Fact]
    public async Task DemoPasswords_AreMadeFreshForEachInstallation_NotKeptInTheRepository()
    {
        await using var first = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        await using var second = await TestApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" });
        var a = first.Services.GetRequiredService<DemoAccounts>().Created.Single(x => x.UserName == "head.of.therapy").Password;
        var b = second.Services.GetRequiredService<DemoAccounts>().Created.Single(x => x.UserName == "head.of.therapy").Password;
        a.ShouldNotBe(b);
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/data/", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        source.ShouldNotContain(a);
    }

    [Fact]
    public async Task RestartingTheApplication_DoesNotLoadTheDemoTwice()
    {
        await using var db = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?> { ["SecureBase:SeedDemo"] = "true" };
        await using (var first = TestApp.StartOn(db, settings))
        {
            first.Services.GetRequiredService<DemoAccounts>().Created.ShouldNotBeEmpty();
        }

        await using var second = TestApp.StartOn(db, settings);
        second.Services.GetRequiredService<DemoAccounts>().Created.ShouldBeEmpty();
        await using var scope = second.Scope();
        (await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Schools.CountAsync()).ShouldBe(2 + SecureBase.Demo.DemoAuthoritySchools.All.Count, "Hollybrook, Meadowside and the authority's four smaller schools, once");
    }

    [GeneratedRegex(@"[\u0370-\u03FF\u0400-\u04FF\u0600-\u06FF\u0900-\u097F\u0980-\u09FF\u4E00-\u9FFF]")]
    private static partial Regex NonLatin();
}
