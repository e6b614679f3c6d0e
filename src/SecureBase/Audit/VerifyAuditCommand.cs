using SecureBase.Cli;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>
/// The <c>verify-audit</c> subcommand: walks the chain, checks it against the witness file in the
/// configured data folder, and reports the first break.
/// </summary>
internal static class VerifyAuditCommand
{
    public const int Tampered = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await using var app = CommandHost.Build(args);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var key = scope.ServiceProvider.GetRequiredService<AuditKey>();
        try
        {
            var result = await AuditVerifier.VerifyAsync(db, key, scope.ServiceProvider.GetRequiredService<AuditWitness>());
            await (result.Intact ? stdout : stderr).WriteLineAsync(result.Message);
            return result.Intact ? 0 : Tampered;
        }
        catch (System.Data.Common.DbException ex)
        {
            await stderr.WriteLineAsync($"The audit log could not be read: {ex.Message}");
            return 1;
        }
    }
}
