using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecureBase.Data;
using SecureBase.Demo;
using SecureBase.Imports;
using SecureBase.Pupils;
using SecureBase.Schools;

namespace SecureBase.Bench.Imports;

/// <summary>
/// Imports 10,000 pupils with one or two parents each (about 15,000 contact lines) into a fresh
/// database through the application's own import, then imports the same files again (everything
/// unchanged). Prints the time, the memory allocated and the process's peak working set. SQLite
/// always; PostgreSQL too when SECUREBASE_BENCH_POSTGRES holds a connection string of a role that
/// may create databases.
/// </summary>
public sealed class ImportBench : IBenchSuite
{
    public const string PostgresVariable = "SECUREBASE_BENCH_POSTGRES";

    public string Name => "import";

    public string Description => "CSV import of 10,000 pupils with parents, then the same files again (--pupils=N to change the size)";

    public async Task RunAsync(string[] options)
    {
        var count = options.Select(o => o.StartsWith("--pupils=", StringComparison.Ordinal) ? int.Parse(o[9..], CultureInfo.InvariantCulture) : 0).FirstOrDefault(n => n > 0, 10_000);
        var (pupils, carers, carerLines) = Generate(count);
        Console.WriteLine($"Files: {count:N0} pupils ({pupils.Length / 1024.0 / 1024.0:0.0} MB), {carerLines:N0} parent and carer lines ({carers.Length / 1024.0 / 1024.0:0.0} MB)");
        Console.WriteLine();
        // CPU time is the process's own (all threads): on a busy machine it says more than the wall-clock time.
        Console.WriteLine($"{"database",-10} {"run",-22} {"time",9} {"CPU time",9} {"allocated",11} {"peak working set",17}  result");

        await RunOnAsync(DatabaseProvider.Sqlite, pupils, carers);
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 })
        {
            await RunOnAsync(DatabaseProvider.Postgres, pupils, carers);
        }
        else
        {
            Console.WriteLine($"(PostgreSQL not measured: set {PostgresVariable} to a connection string of a role that may create databases.)");
        }
    }

    private static async Task RunOnAsync(DatabaseProvider provider, byte[] pupils, byte[] carers)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        await using var app = new BenchApp(database);
        _ = app.Server;
        var school = await CreateSchoolAsync(app);
        ImportFile[] files = [new(ImportKind.Pupils, "pupils.csv", pupils), new(ImportKind.Carers, "carers.csv", carers)];
        foreach (var run in new[] { "first import", "re-import (unchanged)" })
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            ImportReport report;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school, SecureBase.Schools.School.DefaultTimeZone);
                report = await scope.ServiceProvider.GetRequiredService<SchoolDataImport>().RunAsync(files, new ImportOptions(), dryRun: false);
            }

            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            using var process = Process.GetCurrentProcess();
            var result = report.Imported
                ? report.Summary
                : "NOT IMPORTED: " + string.Join("; ", report.Files.SelectMany(f => f.Problems.Concat(f.Rejects.Take(3).Select(r => $"line {r.Line}: {string.Join(", ", r.Reasons)}"))));
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"{provider,-10} {run,-22} {watch.Elapsed.TotalSeconds,8:0.00}s {cpu.TotalSeconds,8:0.00}s {allocated / 1024.0 / 1024.0,8:0} MB {process.PeakWorkingSet64 / 1024.0 / 1024.0,14:0} MB  {result}");
        }
    }

    private static async Task<SecureBase.Common.SchoolId> CreateSchoolAsync(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var school = School.Create("Benchmark Academy", null, null, School.DefaultTimeZone, DateTime.UnixEpoch);
        db.Schools.Add(school);
        await db.SaveChangesAsync();
        return school.Id;
    }

    /// <summary>A school information system's export: valid UPNs, names in many scripts, one or two contacts per pupil.</summary>
    private static (byte[] Pupils, byte[] Carers, int CarerLines) Generate(int count)
    {
        var random = new Random(20261122);
        var pupils = new StringBuilder("UPN,Legal forename,Legal surname,Preferred forename,Preferred surname,Date of birth,Year group,Reg group,SEN status,Looked after,Pupil premium\r\n");
        var carers = new StringBuilder("Contact ID,Pupil UPN,Title,Forename,Surname,Relationship,Parental responsibility,Priority,Email,Telephone,Address,Contact preference,Language,Restricted\r\n");
        var lines = 0;
        string[] sen = ["N", "N", "N", "K", "E"];
        for (var i = 0; i < count; i++)
        {
            var twelve = "9" + i.ToString("D11", CultureInfo.InvariantCulture);
            var upn = Upn.CheckLetterFor(twelve) + twelve;
            string first, last, preferredFirst = "", preferredLast = "";
            if (i % 25 == 0)
            {
                var own = DemoNames.OwnScript[random.Next(DemoNames.OwnScript.Length)];
                (first, last, preferredFirst, preferredLast) = (own.LegalFirst, own.LegalLast, own.PreferredFirst ?? "", own.PreferredLast ?? "");
            }
            else
            {
                first = DemoNames.FirstNames[random.Next(DemoNames.FirstNames.Length)];
                last = DemoNames.LastNames[random.Next(DemoNames.LastNames.Length)];
            }

            var year = random.Next(0, 14);
            var born = new DateOnly(2021 - year, 9, 1).AddDays(random.Next(365));
            pupils.Append(CultureInfo.InvariantCulture, $"{upn},{first},{last},{preferredFirst},{preferredLast},{born:dd/MM/yyyy},{(year == 0 ? "R" : year)},{year}{DemoNames.TutorSuffixes[random.Next(3)]},{sen[random.Next(sen.Length)]},{(random.Next(40) == 0 ? "Y" : "N")},{(random.Next(4) == 0 ? "Y" : "N")}\r\n");

            var parents = random.Next(2) + 1;
            for (var p = 1; p <= parents; p++)
            {
                var parentFirst = DemoNames.FirstNames[random.Next(DemoNames.FirstNames.Length)];
                var relationship = p == 1 ? "Mother" : DemoNames.Relationships[random.Next(DemoNames.Relationships.Length)];
                carers.Append(CultureInfo.InvariantCulture,
                    $"P{i:D6}{p},{upn},{(p == 1 ? "Mrs" : "Mr")},{parentFirst},{last},{relationship},Y,{p},parent{i}.{p}@example.org,07700 9{i % 100000:D5},\"{i % 200 + 1} Station Road, Leeds LS{i % 30 + 1}\",{(p == 1 ? "Email" : "Phone")},{(i % 25 == 0 ? "Other" : "English")},N\r\n");
                lines++;
            }
        }

        return (Encoding.UTF8.GetBytes(pupils.ToString()), Encoding.UTF8.GetBytes(carers.ToString()), lines);
    }

    /// <summary>The real application on the benchmark's own database.</summary>
    private sealed class BenchApp(BenchDatabase database) : WebApplicationFactory<SchoolDataImport>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(ContentRoot());
            builder.UseSetting("SecureBase:DataFolder", database.Folder);
            builder.UseSetting("SecureBase:SeedDemo", "false");
            builder.UseSetting("SecureBase:AuditKey", Convert.ToBase64String(new byte[32]));
            builder.UseSetting(database.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    /// <summary>src/SecureBase, found from wherever the benchmark runs inside the repository.</summary>
    private static string ContentRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecureBase.slnx")))
        {
            dir = dir.Parent;
        }

        return dir is null ? AppContext.BaseDirectory : Path.Combine(dir.FullName, "src", "SecureBase");
    }

    /// <summary>A fresh, empty database, dropped afterwards. Its name is made here from a GUID, never from input.</summary>
#pragma warning disable CA2100
    private sealed class BenchDatabase(DatabaseProvider provider, string connectionString, string folder, Func<Task> drop) : IAsyncDisposable
    {
        public DatabaseProvider Provider => provider;
        public string ConnectionString => connectionString;
        public string Folder => folder;

        public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider)
        {
            var folder = Path.Combine(Path.GetTempPath(), "securebase-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            if (provider == DatabaseProvider.Sqlite)
            {
                return new BenchDatabase(provider, $"Data Source={Path.Combine(folder, "bench.db")};Pooling=False", folder, () =>
                {
                    Directory.Delete(folder, recursive: true);
                    return Task.CompletedTask;
                });
            }

            var admin = Environment.GetEnvironmentVariable(PostgresVariable)!;
            var name = "sb_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            return new BenchDatabase(provider, cs, folder, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
                Directory.Delete(folder, recursive: true);
            });
        }

        public async ValueTask DisposeAsync() => await drop();
    }
#pragma warning restore CA2100
}
