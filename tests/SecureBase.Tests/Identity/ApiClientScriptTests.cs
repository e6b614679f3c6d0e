using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Referrals;
using SecureBase.Tests.Support;
using static SecureBase.Tests.Imports.ImportFiles;

namespace SecureBase.Tests.Identity;

/// <summary>docs/api-client-example.sh, run as an information system would: against a running application, with a client secret and no browser.</summary>
public sealed class ApiClientScriptTests
{
    [Fact]
    public async Task TheDocsScript_ImportsPupilsReadsTheWaitingListAndSendsAReferral_WithAClientSecret()
    {
        await using var seed = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        seed.Clock.UseMachineTime();
        var school = await TestSchool.CreateAsync(seed);
        var client = await ApiClients.RegisterAsync(await school.SignInAsync(Role.Administrator), "County case system",
            [SchoolAction.ImportData, SchoolAction.ViewWaitingList, SchoolAction.MakeReferral]);
        await using var running = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Sqlite"] = seed.Database.ConnectionString,
            ["SecureBase:AuditKey"] = TestApp.AuditKeyBase64,
            ["SecureBase:BackgroundJobs"] = "false",
        });
        var csv = Path.Combine(running.DataFolder, "pupils-from-mis.csv");
        await System.IO.File.WriteAllTextAsync(csv, PupilsCsv($"{Upn(7101)},Amira,Khan,,,02/03/2014,7,7JB,K,N,Y", $"{Upn(7102)},Tomasz,Nowak,,,2016-09-14,5,5T,N,N,N"));

        var info = new ProcessStartInfo("sh", [Path.Combine(Repository.Root, "docs", "api-client-example.sh"), csv])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SECUREBASE_URL"] = running.Address.ToString().TrimEnd('/');
        info.Environment["SECUREBASE_CLIENT_ID"] = client.Id;
        info.Environment["SECUREBASE_CLIENT_SECRET"] = client.Secret;
        info.Environment["SECUREBASE_REFERRAL_UPN"] = Upn(7102);
        info.Environment["SECUREBASE_REFERRER"] = "Jo Bloggs";
        info.Environment["SECUREBASE_REFERRER_ORGANISATION"] = "Kent County Council";
        using var script = Process.Start(info)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();

        script.ExitCode.ShouldBe(0, $"{output}\n{errors}\n{running.Output}");
        output.ShouldContain("Imported: true (2 new, 0 updated, 0 unchanged)");
        output.ShouldContain("Waiting: ");
        (await PupilsAsync(seed, school)).Select(p => p.Upn).ShouldContain(Upn(7101));
        (await PupilsAsync(seed, school)).Select(p => p.Upn).ShouldContain(Upn(7102));
        output.ShouldContain($"Referral: Received (UPN {Upn(7102)})");
        var tomasz = (await PupilsAsync(seed, school)).Single(p => p.Upn == Upn(7102)).Id;
        var referral = (await QueryAsync(seed, school, db => db.Referrals.AsNoTracking().Where(r => r.PupilId == tomasz).ToListAsync())).ShouldHaveSingleItem();
        referral.Source.ShouldBe(ReferralSource.LocalAuthority);
        referral.ReferrerName.ShouldBe("Jo Bloggs, Kent County Council (sent by the API client County case system)");
    }
}
