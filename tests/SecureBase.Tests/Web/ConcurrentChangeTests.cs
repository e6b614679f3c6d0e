using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Web;

/// <summary>
/// Two people saving the same thing at the same moment: the second is told plainly that nothing of
/// theirs was saved (409 with the school's words), never a 500, and the first one's change stands.
/// </summary>
public sealed class ConcurrentChangeTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task AClosureAddedByAnotherAdministratorAMomentBefore_IsAConflict_NotAFailure(DatabaseProvider provider)
    {
        var other = new AnotherAdministratorClosesTheSameDay();
        await using var app = await TestApp.StartAsync(provider, services: s => s.ConfigureDbContext<SecureBaseDb>(o => o.AddInterceptors(other)));
        other.Database = app.Database;
        var school = await TestSchool.CreateAsync(app);
        var admin = await school.SignInAsync(Role.Administrator);

        other.Contested = new DateOnly(2026, 11, 11);
        var api = await admin.Http.PostAsJsonAsync($"/api/v1/calendar/years/{school.Calendar.YearId}/closures",
            new { firstDay = "2026-11-11", kind = "OtherClosure", description = "Boiler replacement" });
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await api.Content.ReadAsStringAsync();
        problem.ShouldContain("Someone else changed this at the same moment");
        problem.ShouldContain("Nothing you sent was saved");
        problem.ShouldNotContain("Exception");

        other.Contested = new DateOnly(2026, 11, 12);
        var yearUrl = $"/admin/calendar/years/{school.Calendar.YearId}";
        var page = await TestClient.ReadAsync(await admin.SubmitAsync(yearUrl,
            [Form.Field("Closure.FirstDay", "2026-11-12"), Form.Field("Closure.LastDay", ""), Form.Field("Closure.Kind", "InsetDay"), Form.Field("Closure.Description", "Training")], "#add-closure"));
        page.Status.ShouldBe(HttpStatusCode.Conflict);
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("Someone else changed this at the same moment");
        page.Text.ShouldContain("Reload the page to see the latest");

        var calendar = (await admin.GetJsonAsync<CalendarDto>("/api/v1/calendar"))!;
        calendar.Years.Single().Closures.Select(c => (c.Date, c.Description)).ShouldBe(
        [
            (new DateOnly(2026, 9, 1), "Staff training"),
            (new DateOnly(2026, 11, 11), "Closed by the other administrator"),
            (new DateOnly(2026, 11, 12), "Closed by the other administrator"),
            (new DateOnly(2027, 5, 3), "Early May bank holiday"),
        ], "the other administrator's closures stand and nothing of the refused requests was saved");
        other.Fired.ShouldBe(2);
    }

    /// <summary>Just before the application saves a closure on the contested day, another administrator's request saves one first.</summary>
    private sealed class AnotherAdministratorClosesTheSameDay : DbTransactionInterceptor
    {
        public TestDatabase? Database { get; set; }
        public DateOnly? Contested { get; set; }
        public int Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var closure = eventData.Context?.ChangeTracker.Entries<ClosureDay>()
                .FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Date == Contested)?.Entity;
            if (closure is not null && Database is not null)
            {
                Contested = null;
                Fired++;
                var id = Guid.NewGuid().ToString();
                var (idText, schoolText, yearText) = Database.Provider == DatabaseProvider.Sqlite
                    ? (id.ToUpperInvariant(), closure.SchoolId.Value.ToString().ToUpperInvariant(), closure.AcademicYearId.Value.ToString().ToUpperInvariant())
                    : (id, closure.SchoolId.Value.ToString(), closure.AcademicYearId.Value.ToString());
                await RawSql.ExecAsync(Database,
                    "INSERT INTO closure_days (id, school_id, academic_year_id, date, kind, description) " +
                    $"VALUES ('{idText}', '{schoolText}', '{yearText}', '{closure.Date:yyyy-MM-dd}', 'OtherClosure', 'Closed by the other administrator')");
            }

            return result;
        }
    }
}
