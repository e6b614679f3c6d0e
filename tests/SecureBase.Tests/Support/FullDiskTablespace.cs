using System.Diagnostics;
using Npgsql;
using SecureBase.Data;

namespace SecureBase.Tests.Support;

/// <summary>
/// The PostgreSQL tablespace on a small tmpfs that the full-disk test fills (<c>.ci/full-disk-tablespace</c>;
/// <c>.ci/run</c> sets it up). Run as root, the test sets it up itself when it is missing; otherwise it is skipped
/// with the reason, and with SECUREBASE_REQUIRE_ALL_TESTS=1 (CI) a missing tablespace is a failure.
/// </summary>
public static class FullDiskTablespace
{
    public const string Name = "securebase_full_disk";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Null when the test can run (or must, in CI); otherwise why it is skipped.</summary>
    public static string? SkipReason =>
        TestDatabases.RequireAll || IsRoot || IsUsable()
            ? null
            : $"PostgreSQL full-disk test skipped: the tablespace {Name} (a small tmpfs) is not set up and setting it up needs root. Run `sudo .ci/full-disk-tablespace` once (or .ci/run).";

    /// <summary>Makes sure the test role can create tables in the tablespace, setting it up when running as root.</summary>
    public static async Task EnsureAsync()
    {
        if (IsUsable())
        {
            return;
        }

        if (!IsRoot)
        {
            throw new InvalidOperationException($"The tablespace {Name} is required (SECUREBASE_REQUIRE_ALL_TESTS=1) but is not set up: run `sudo .ci/full-disk-tablespace`.");
        }

        var role = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin).Username ?? "securebase_ci";
        var script = Path.Combine(RepositoryRoot(), ".ci", "full-disk-tablespace");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(role);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !IsUsable())
        {
            throw new InvalidOperationException($"Setting up the tablespace {Name} failed ({script}, exit code {process.ExitCode}):\n{output}");
        }
    }

    private static bool IsUsable()
    {
        if (TestDatabases.PostgresAdmin is not { } admin)
        {
            return false;
        }

        try
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand($"SELECT coalesce((SELECT has_tablespace_privilege(oid, 'CREATE') FROM pg_tablespace WHERE spcname = '{Name}'), false)", connection);
            return command.ExecuteScalar() is true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The tests run from the repository.");
    }
}

/// <summary>Runs a theory on PostgreSQL with the full-disk tablespace, or reports it skipped with the reason.</summary>
public sealed class OnPostgresFullDiskAttribute : Xunit.Sdk.DataAttribute
{
    public OnPostgresFullDiskAttribute() => Skip = TestDatabases.PostgresSkipReason ?? FullDiskTablespace.SkipReason!;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}
