using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Schools;

/// <summary>
/// The calendar an instance keeps for pages that only read it: reused while the school's calendar stamp is unchanged,
/// read again as soon as a change saved anywhere (another instance, another request, this request) gives a new stamp.
/// </summary>
public sealed class CalendarKeptTests
{
    private static readonly DateOnly Tuesday = new(2026, 11, 17);

    /// <summary>A request entering the school as the session guard does: the stamp read with the school.</summary>
    private static async Task<(AsyncServiceScope Scope, SecureBaseDb Db)> RequestAsync(TestApp app, TestSchool school)
    {
        var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        var stamp = await db.Schools.AsNoTracking().Where(s => s.Id == school.Id).Select(s => s.CalendarStamp).SingleAsync();
        var context = scope.ServiceProvider.GetRequiredService<SchoolContext>();
        context.Enter(school.Id, School.DefaultTimeZone);
        context.KnowCalendarStamp(stamp);
        return (scope, db);
    }

    private static Task CloseTuesdayAsync(TestApp app, TestSchool school) =>
        CalendarTestData.CloseAsync(app, school, Tuesday, ClosureKind.InsetDay, "Training day added in November");

    [Theory, OnSqlite, OnPostgres]
    public async Task AKeptCalendar_IsReused_UntilAChangeSavedElsewhere_AndThenReadAgain(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);

        SchoolCalendar first;
        var (scope1, db1) = await RequestAsync(app, school);
        await using (scope1)
        {
            first = await SchoolCalendar.LoadForReadingAsync(db1);
            first.IsSchoolDay(Tuesday).ShouldBeTrue();
        }

        var (scope2, db2) = await RequestAsync(app, school);
        await using (scope2)
        {
            (await SchoolCalendar.LoadForReadingAsync(db2)).ShouldBeSameAs(first, "the next request with the same stamp reads no calendar");
        }

        // Another unit of work (another instance, as far as this one knows) closes the Tuesday.
        var before = await StampAsync(app, school);
        await CloseTuesdayAsync(app, school);
        (await StampAsync(app, school)).ShouldNotBe(before, "saving the calendar gives the school a new stamp");

        var (scope3, db3) = await RequestAsync(app, school);
        await using (scope3)
        {
            var after = await SchoolCalendar.LoadForReadingAsync(db3);
            after.ShouldNotBeSameAs(first);
            after.IsSchoolDay(Tuesday).ShouldBeFalse("the closure saved elsewhere is seen by the next request");
            after.ClosureOn(Tuesday)!.Description.ShouldBe("Training day added in November");
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ARequestThatChangesTheCalendar_ReadsItsOwnChange(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var (scope, db) = await RequestAsync(app, school);
        await using (scope)
        {
            (await SchoolCalendar.LoadForReadingAsync(db)).IsSchoolDay(Tuesday).ShouldBeTrue();
            var year = await db.AcademicYears.Include(y => y.HalfTerms).Include(y => y.Closures).SingleAsync(y => y.Id == school.Calendar.YearId);
            year.AddClosures(Tuesday, null, ClosureKind.InsetDay, "Closed for the heating").IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();

            db.SchoolContext.CalendarStamp.ShouldBeNull("the stamp read at the start of the request is out of date");
            (await SchoolCalendar.LoadForReadingAsync(db)).IsSchoolDay(Tuesday).ShouldBeFalse();
        }

        // And a later request, with the new stamp, reads the calendar again rather than one kept from before.
        var (later, laterDb) = await RequestAsync(app, school);
        await using (later)
        {
            (await SchoolCalendar.LoadForReadingAsync(laterDb)).ClosureOn(Tuesday)!.Description.ShouldBe("Closed for the heating");
        }
    }

    [Theory, OnSqlite]
    public async Task WithoutAStamp_TheCalendarIsReadForTheRequest(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        SchoolCalendar jobs;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            jobs = await SchoolCalendar.LoadForReadingAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>());
        }

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchoolContext>().Switch(school.Id);
            (await SchoolCalendar.LoadForReadingAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>())).ShouldNotBeSameAs(jobs);
        }
    }

    private static async Task<long> StampAsync(TestApp app, TestSchool school)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<SecureBaseDb>().Schools.AsNoTracking()
            .Where(s => s.Id == school.Id).Select(s => s.CalendarStamp).SingleAsync();
    }
}
