using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureBase.Data;
using SecureBase.Schools;
using SecureBase.Tests.Support;

namespace SecureBase.Tests.Data;

/// <summary>
/// Pages that only read (home, the board in every header) read the school's calendar once per request; a change saved
/// in the same request must never be hidden by that, and another school's calendar is never served from it.
/// </summary>
public sealed class ReadOnceTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TheCalendarReadForReading_IsReadOnce_ForgottenWhenTheRequestSaves_AndNeverAnotherSchools(DatabaseProvider provider)
    {
        var app = await SharedApps.GetAsync(provider);
        var school = await TestSchool.CreateAsync(app);
        var other = await TestSchool.CreateAsync(app);
        await using var scope = app.Scope();
        var context = scope.ServiceProvider.GetRequiredService<SchoolContext>();
        context.Switch(school.Id);
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();

        var first = await SchoolCalendar.LoadForReadingAsync(db);
        (await SchoolCalendar.LoadForReadingAsync(db)).ShouldBeSameAs(first, "read once per request");

        var today = SchoolTime.London.Today(app.Clock);
        var day = first.NextSchoolDay(today.AddDays(1)) ?? throw new InvalidOperationException("the test school has no school day ahead");
        first.IsSchoolDay(day).ShouldBeTrue();
        var year = await db.AcademicYears.Include(y => y.HalfTerms).Include(y => y.Closures).SingleAsync(y => y.Id == first.YearOf(day)!.Id);
        year.AddClosures(day, day, ClosureKind.OtherClosure, "Boiler repair").IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();

        var afterSave = await SchoolCalendar.LoadForReadingAsync(db);
        afterSave.ShouldNotBeSameAs(first);
        afterSave.IsSchoolDay(day).ShouldBeFalse("the closure saved in this request shows at once");
        afterSave.ClosureOn(day)!.Description.ShouldBe("Boiler repair");

        context.Switch(other.Id);
        var others = await SchoolCalendar.LoadForReadingAsync(db);
        others.ShouldNotBeSameAs(afterSave);
        others.IsSchoolDay(day).ShouldBeTrue("the other school is not closed that day");
    }
}
