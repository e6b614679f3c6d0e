using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Data;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Data;

/// <summary>What every instance's PostgreSQL connections get unless the connection string says otherwise (docs/deployment.md).</summary>
public sealed class PostgresConnectionTests
{
    [Theory, OnPostgres]
    public async Task AStatementAPageRepeats_IsPreparedOnTheServerOnce_AndKeepsAnsweringAfterTheTableChanges(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        connection.UnprepareAll();
        var count = 0;
        for (var i = 0; i < 6; i++)
        {
            count = await db.Schools.AsNoTracking().CountAsync(s => s.Name != "");
        }

        (await PreparedAsync(connection)).ShouldBeGreaterThan(0, "the sixth use of the same statement runs prepared");

        // A column added (a schema upgrade with the instance running, against the advice) does not break the prepared statement.
        await using (var alter = new NpgsqlCommand("ALTER TABLE schools ADD COLUMN prepared_probe integer", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        (await db.Schools.AsNoTracking().CountAsync(s => s.Name != "")).ShouldBe(count);
    }

    [Fact]
    public void TheConnectionStringsOwnPoolPreparationAndResetSettings_Win_AndOthersGetTheDefaults()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseSetup.ForEachInstance("Host=db;Database=securebase;Username=app"));
        defaults.MaxPoolSize.ShouldBe(DatabaseSetup.DefaultMaxPoolSize);
        defaults.MaxAutoPrepare.ShouldBe(DatabaseSetup.DefaultMaxAutoPrepare);
        defaults.NoResetOnClose.ShouldBeTrue("the application leaves no session state on a connection, so it is not reset on every return to the pool");

        var own = new NpgsqlConnectionStringBuilder(DatabaseSetup.ForEachInstance("Host=db;Database=securebase;Username=app;Maximum Pool Size=5;Max Auto Prepare=0;No Reset On Close=false"));
        own.MaxPoolSize.ShouldBe(5);
        own.MaxAutoPrepare.ShouldBe(0, "Max Auto Prepare=0 turns preparation off, e.g. behind a pooler in transaction mode");
        own.NoResetOnClose.ShouldBeFalse();
    }

    private static async Task<long> PreparedAsync(NpgsqlConnection connection)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
