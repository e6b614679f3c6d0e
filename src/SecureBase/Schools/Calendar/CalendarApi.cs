using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Web;

namespace SecureBase.Schools;

/// <summary>The school calendar over the API: terms, half terms, closures and lesson periods; what a date is.</summary>
internal static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/calendar", GetCalendarAsync)
            .Permits(SchoolAction.ViewCalendar)
            .WithName("GetCalendar")
            .WithSummary("The school calendar: academic years with their terms, half terms and closure days, and the weekly lesson timetable")
            .WithDescription("Dates are the school's local dates (yyyy-MM-dd) and times its local wall-clock times (HH:mm:ss), in the school's time zone.");
        api.MapGet("/calendar/on", GetDayAsync)
            .Permits(SchoolAction.ViewCalendar)
            .WithName("GetCalendarDay")
            .WithSummary("What a date is in the school calendar: its academic year, half term, closure, school week and week numbers")
            .WithDescription("?date=yyyy-MM-dd; today (school time) when left out. A date in a holiday has no half term or school week, and says the next school day.");
        api.MapPost("/calendar/years", CreateYearAsync)
            .Permits(SchoolAction.ManageCalendar)
            .JsonBody<AcademicYearInput>()
            .WithName("CreateAcademicYear")
            .WithSummary("Add an academic year with its six half terms")
            .WithDescription("Fields as on the form: startDate, endDate, autumn1First, autumn1Last … summer2Last. Field errors are keyed by those names.");
        api.MapPut("/calendar/years/{yearId:guid}", ChangeYearAsync)
            .Permits(SchoolAction.ManageCalendar)
            .JsonBody<AcademicYearInput>()
            .WithName("ChangeAcademicYear")
            .WithSummary("Change an academic year's dates and its half terms' dates; closure days must stay in term");
        api.MapPost("/calendar/years/{yearId:guid}/closures", AddClosuresAsync)
            .Permits(SchoolAction.ManageCalendar)
            .JsonBody<ClosureInput>()
            .WithName("AddClosureDays")
            .WithSummary("Close the school on a weekday in term (INSET day, bank holiday, other closure), or on each weekday from firstDay to lastDay");
        api.MapDelete("/calendar/years/{yearId:guid}/closures/{closureId:guid}", RemoveClosureAsync)
            .Permits(SchoolAction.ManageCalendar)
            .WithName("RemoveClosureDay")
            .WithSummary("Remove a closure day: the school is open that day again");
        api.MapPost("/calendar/periods", AddPeriodAsync)
            .Permits(SchoolAction.ManageCalendar)
            .JsonBody<LessonPeriodInput>()
            .WithName("AddLessonPeriod")
            .WithSummary("Add a period to the weekly lesson timetable (day empty for every weekday; times HH:mm)");
        api.MapPut("/calendar/periods/{periodId:guid}", ChangePeriodAsync)
            .Permits(SchoolAction.ManageCalendar)
            .JsonBody<LessonPeriodInput>()
            .WithName("ChangeLessonPeriod")
            .WithSummary("Change a period of the weekly lesson timetable");
        api.MapDelete("/calendar/periods/{periodId:guid}", RemovePeriodAsync)
            .Permits(SchoolAction.ManageCalendar)
            .WithName("RemoveLessonPeriod")
            .WithSummary("Remove a period from the weekly lesson timetable");
        return api;
    }

    private static async Task<CalendarDto> GetCalendarAsync(SecureBaseDb db, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        return calendar.ToDto();
    }

    private static async Task<IResult> GetDayAsync(string? date, SecureBaseDb db, SchoolClock clock, CancellationToken ct)
    {
        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date))
        {
            day = clock.Today;
        }
        else if (!SchoolDates.TryParseDate(date, out day))
        {
            return new Error.Validation("date", "The date must be a real date, written like 2026-10-20").ToProblem();
        }

        return TypedResults.Ok(calendar.Describe(day).ToDto());
    }

    private static async Task<IResult> CreateYearAsync(HttpRequest request, SecureBaseDb db, AuditLog audit, CurrentUser user, CancellationToken ct)
    {
        var (datesRead, dates, unreadable) = await ReadInputAsync(request, (AcademicYearInput i) => i.ToDates(), ct);
        if (!datesRead)
        {
            return unreadable;
        }

        var others = await db.AcademicYears.AsNoTracking().ToListAsync(ct);
        var year = AcademicYear.Create(user.SchoolId, dates, others);
        if (!year.IsSuccess)
        {
            return year.Error!.ToProblem();
        }

        db.AcademicYears.Add(year.Value);
        audit.Record(CalendarAuditActions.YearAdded, nameof(AcademicYear), year.Value.Id.ToString(), detail: year.Value.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/calendar/years/{year.Value.Id}", year.Value.ToDto());
    }

    private static async Task<IResult> ChangeYearAsync(Guid yearId, HttpRequest request, SecureBaseDb db, AuditLog audit, CancellationToken ct)
    {
        var year = await FindYearAsync(db, yearId, ct);
        if (year is null)
        {
            return NotFound("That academic year was not found.");
        }

        var (datesRead, dates, unreadable) = await ReadInputAsync(request, (AcademicYearInput i) => i.ToDates(), ct);
        if (!datesRead)
        {
            return unreadable;
        }

        var others = await db.AcademicYears.AsNoTracking().Where(y => y.Id != year.Id).ToListAsync(ct);
        var outcome = year.ChangeDates(dates, others);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!.ToProblem();
        }

        audit.Record(CalendarAuditActions.YearChanged, nameof(AcademicYear), year.Id.ToString(), detail: year.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(year.ToDto());
    }

    private static async Task<IResult> AddClosuresAsync(Guid yearId, HttpRequest request, SecureBaseDb db, AuditLog audit, CancellationToken ct)
    {
        var year = await FindYearAsync(db, yearId, ct);
        if (year is null)
        {
            return NotFound("That academic year was not found.");
        }

        var (closureRead, closure, unreadable) = await ReadInputAsync(request, (ClosureInput i) => i.ToClosure(), ct);
        if (!closureRead)
        {
            return unreadable;
        }

        var (first, last, kind, description) = closure;
        var added = year.AddClosures(first, last, kind, description);
        if (!added.IsSuccess)
        {
            return added.Error!.ToProblem();
        }

        db.ClosureDays.AddRange(added.Value);
        foreach (var c in added.Value)
        {
            audit.Record(CalendarAuditActions.ClosureAdded, nameof(ClosureDay), c.Id.ToString(), detail: $"{c.Date:yyyy-MM-dd} {c.Kind}");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/calendar/years/{year.Id}", added.Value.Select(c => c.ToDto()).ToList());
    }

    private static async Task<IResult> RemoveClosureAsync(Guid yearId, Guid closureId, SecureBaseDb db, AuditLog audit, CancellationToken ct)
    {
        var year = await FindYearAsync(db, yearId, ct);
        if (year is null)
        {
            return NotFound("That academic year was not found.");
        }

        var removed = year.RemoveClosure(ClosureDayId.From(closureId));
        if (!removed.IsSuccess)
        {
            return removed.Error!.ToProblem();
        }

        db.ClosureDays.Remove(removed.Value);
        audit.Record(CalendarAuditActions.ClosureRemoved, nameof(ClosureDay), removed.Value.Id.ToString(), detail: $"{removed.Value.Date:yyyy-MM-dd} {removed.Value.Kind}");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddPeriodAsync(HttpRequest request, SecureBaseDb db, AuditLog audit, CurrentUser user, CancellationToken ct)
    {
        var (detailsRead, details, unreadable) = await ReadInputAsync(request, (LessonPeriodInput i) => i.ToDetails(), ct);
        if (!detailsRead)
        {
            return unreadable;
        }

        var existing = await db.LessonPeriods.AsNoTracking().ToListAsync(ct);
        var period = LessonPeriod.Create(user.SchoolId, details, existing);
        if (!period.IsSuccess)
        {
            return period.Error!.ToProblem();
        }

        db.LessonPeriods.Add(period.Value);
        audit.Record(CalendarAuditActions.PeriodAdded, nameof(LessonPeriod), period.Value.Id.ToString(), detail: $"{period.Value.Name} {period.Value.DaysText} {period.Value.TimesText}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/calendar/periods/{period.Value.Id}", period.Value.ToDto());
    }

    private static async Task<IResult> ChangePeriodAsync(Guid periodId, HttpRequest request, SecureBaseDb db, AuditLog audit, CancellationToken ct)
    {
        var id = LessonPeriodId.From(periodId);
        var period = await db.LessonPeriods.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return NotFound("That lesson period was not found.");
        }

        var (detailsRead, details, unreadable) = await ReadInputAsync(request, (LessonPeriodInput i) => i.ToDetails(), ct);
        if (!detailsRead)
        {
            return unreadable;
        }

        var others = await db.LessonPeriods.AsNoTracking().Where(p => p.Id != id).ToListAsync(ct);
        var outcome = period.Change(details, others);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!.ToProblem();
        }

        audit.Record(CalendarAuditActions.PeriodChanged, nameof(LessonPeriod), period.Id.ToString(), detail: $"{period.Name} {period.DaysText} {period.TimesText}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(period.ToDto());
    }

    private static async Task<IResult> RemovePeriodAsync(Guid periodId, SecureBaseDb db, AuditLog audit, CancellationToken ct)
    {
        var id = LessonPeriodId.From(periodId);
        var period = await db.LessonPeriods.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return NotFound("That lesson period was not found.");
        }

        db.LessonPeriods.Remove(period);
        audit.Record(CalendarAuditActions.PeriodRemoved, nameof(LessonPeriod), period.Id.ToString(), detail: $"{period.Name} {period.DaysText} {period.TimesText}");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>An academic year of the signed-in school with its half terms and closures, tracked for change; null when not found.</summary>
    internal static Task<AcademicYear?> FindYearAsync(SecureBaseDb db, Guid yearId, CancellationToken ct)
    {
        var id = AcademicYearId.From(yearId);
        return db.AcademicYears.Include(y => y.HalfTerms).Include(y => y.Closures).AsSplitQuery().SingleOrDefaultAsync(y => y.Id == id, ct);
    }

    /// <summary>
    /// Reads the JSON body, checks it by the form's rules (required, length, hidden characters), then
    /// converts it to dates and times; on failure, the problem to answer with.
    /// </summary>
    private static async Task<(bool Ok, T Value, IResult Problem)> ReadInputAsync<TInput, T>(HttpRequest request, Func<TInput, Result<T>> convert, CancellationToken ct)
        where TInput : class
    {
        var (input, unreadable) = await request.ReadJsonAsync<TInput>(ct);
        if (input is null)
        {
            return (false, default!, unreadable!);
        }

        var errors = InputRules.Check(input);
        var parsed = errors.Count > 0 ? new Error.Validation(errors) : convert(input);
        return parsed.IsSuccess ? (true, parsed.Value, null!) : (false, default!, parsed.Error!.ToProblem());
    }

    private static IResult NotFound(string message) => new Error.NotFound(message).ToProblem();

    internal static CalendarDto ToDto(this SchoolCalendar calendar) => new(
        calendar.Time.Zone.Id,
        calendar.Years.Select(y => y.ToDto(calendar)).ToList(),
        calendar.LessonPeriods.Select(p => p.ToDto()).ToList());

    internal static AcademicYearDto ToDto(this AcademicYear year, SchoolCalendar? calendar = null)
    {
        calendar ??= new SchoolCalendar([year], [], SchoolTime.London);
        return new AcademicYearDto(
            year.Id,
            year.Name,
            year.StartDate,
            year.EndDate,
            year.Terms.Select(t => new TermDto(t.Name, t.Label, t.FirstDay, t.LastDay)).ToList(),
            year.HalfTerms.Select(h => new HalfTermDto(h.Name, h.Label, h.Term, h.FirstDay, h.LastDay,
                h.Dates.Days().Count(calendar.IsSchoolDay), calendar.SchoolWeeksBetween(h.FirstDay, h.LastDay).Count)).ToList(),
            year.Closures.Select(c => c.ToDto()).ToList());
    }

    internal static ClosureDayDto ToDto(this ClosureDay c) => new(c.Id, c.Date, c.Kind, ClosureKinds.Label(c.Kind), c.Description);

    internal static LessonPeriodDto ToDto(this LessonPeriod p) => new(p.Id, p.Name, p.Day, p.Start, p.End, p.IsTeaching);

    internal static CalendarDayDto ToDto(this CalendarDay d) => new(
        d.Date,
        d.Date.DayOfWeek,
        d.IsSchoolDay,
        d.Year?.Name,
        d.HalfTerm?.Name,
        d.HalfTerm?.Label,
        d.Closure?.ToDto(),
        d.Week is { } w ? new SchoolWeekDto(w.Monday, w.Friday, w.SchoolDays, d.WeekOfHalfTerm, d.WeekOfYear) : null,
        d.NextSchoolDay);
}

internal sealed record CalendarDto(string TimeZone, IReadOnlyList<AcademicYearDto> Years, IReadOnlyList<LessonPeriodDto> LessonPeriods);

internal sealed record AcademicYearDto(
    AcademicYearId Id,
    string Name,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<TermDto> Terms,
    IReadOnlyList<HalfTermDto> HalfTerms,
    IReadOnlyList<ClosureDayDto> Closures);

internal sealed record TermDto(TermName Term, string Name, DateOnly FirstDay, DateOnly LastDay);

/// <summary>A half term; SchoolDays counts its weekdays that are not closures, SchoolWeeks its weeks with at least one school day.</summary>
internal sealed record HalfTermDto(HalfTermName HalfTerm, string Name, TermName Term, DateOnly FirstDay, DateOnly LastDay, int SchoolDays, int SchoolWeeks);

internal sealed record ClosureDayDto(ClosureDayId Id, DateOnly Date, ClosureKind Kind, string KindName, string Description);

/// <summary>A lesson period; Day is the weekday, or null for every weekday.</summary>
internal sealed record LessonPeriodDto(LessonPeriodId Id, string Name, DayOfWeek? Day, TimeOnly Start, TimeOnly End, bool IsTeaching);

internal sealed record CalendarDayDto(
    DateOnly Date,
    DayOfWeek DayOfWeek,
    bool IsSchoolDay,
    string? AcademicYear,
    HalfTermName? HalfTerm,
    string? HalfTermName,
    ClosureDayDto? Closure,
    SchoolWeekDto? SchoolWeek,
    DateOnly? NextSchoolDay);

/// <summary>A school week; WeekOfHalfTerm is 1 for the half term's first school week, WeekOfYear 1 for the academic year's first (holidays not counted).</summary>
internal sealed record SchoolWeekDto(DateOnly Monday, DateOnly Friday, IReadOnlyList<DateOnly> SchoolDays, int? WeekOfHalfTerm, int? WeekOfYear);
