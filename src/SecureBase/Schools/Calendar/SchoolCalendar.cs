using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>
/// A Monday-to-Sunday week in which the school is open on at least one day. Therapy cycles,
/// half-termly reviews and the 6-week disengagement rule count these weeks: holiday weeks and
/// weeks wholly closed (INSET, bank holidays, other closures) do not count.
/// </summary>
/// <param name="Monday">The week's Monday (the week runs to the following Sunday).</param>
/// <param name="SchoolDays">The week's school days, Monday to Friday, in order; never empty.</param>
/// <param name="HalfTerm">The half term of the week's first school day.</param>
public sealed record SchoolWeek(DateOnly Monday, IReadOnlyList<DateOnly> SchoolDays, HalfTerm HalfTerm)
{
    public DateOnly Friday => Monday.AddDays(4);
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>"week beginning Monday 2 November 2026".</summary>
    public override string ToString() => $"week beginning {SchoolDates.Long(Monday)}";
}

/// <summary>
/// Everything the calendar says about one date. <see cref="Week"/> is the school week the date is
/// in (a Saturday belongs to the week of the Monday before it), or null in a week the school is
/// closed; <see cref="WeekOfHalfTerm"/> is 1 in the half term's first school week and
/// <see cref="WeekOfYear"/> 1 in the year's first, holiday weeks not counted;
/// <see cref="NextSchoolDay"/> is the first school day after the date that the calendar knows.
/// </summary>
public sealed record CalendarDay(
    DateOnly Date,
    AcademicYear? Year,
    HalfTerm? HalfTerm,
    ClosureDay? Closure,
    bool IsSchoolDay,
    SchoolWeek? Week,
    int? WeekOfHalfTerm,
    int? WeekOfYear,
    DateOnly? NextSchoolDay);

/// <summary>
/// One school's calendar, for the computations the rest of SecureBase relies on: which half term a
/// date is in, whether the school is open, school weeks between dates, the nth school week of an
/// episode of therapy, and the UTC instant of a session at a local date and time.
/// <para>
/// It is built from the school's academic years (with their half terms and closure days), its
/// lesson periods and its time zone, and does no I/O: <see cref="LoadAsync"/> reads it from the
/// database once per request; tests build it directly.
/// </para>
/// <para>
/// A <b>school day</b> is a Monday to Friday inside a half term that is not a closure day.
/// A <b>school week</b> (<see cref="SchoolWeek"/>) is a Monday-to-Sunday week holding at least one
/// school day. Dates outside every academic year entered are not school days: the calendar never
/// guesses term dates it has not been given.
/// </para>
/// </summary>
public sealed class SchoolCalendar
{
    private readonly List<AcademicYear> _years;
    private readonly List<HalfTerm> _halfTerms;
    private readonly Dictionary<DateOnly, ClosureDay> _closures;
    private readonly List<LessonPeriod> _periods;

    public SchoolCalendar(IEnumerable<AcademicYear> years, IEnumerable<LessonPeriod> periods, SchoolTime time)
    {
        _years = years.OrderBy(y => y.StartDate).ToList();
        _halfTerms = _years.SelectMany(y => y.HalfTerms).OrderBy(h => h.FirstDay).ToList();
        _closures = _years.SelectMany(y => y.Closures).ToDictionary(c => c.Date);
        _periods = periods.OrderBy(p => p.Start).ThenBy(p => p.Day ?? DayOfWeek.Sunday).ThenBy(p => p.End).ToList();
        Time = time;
    }

    /// <summary>The academic years entered, earliest first.</summary>
    public IReadOnlyList<AcademicYear> Years => _years;

    /// <summary>The weekly lesson timetable, in order of start time.</summary>
    public IReadOnlyList<LessonPeriod> LessonPeriods => _periods;

    /// <summary>The school's clock (Europe/London unless the school says otherwise).</summary>
    public SchoolTime Time { get; }

    /// <summary>The first and last days of term the calendar knows, or null before any year is entered.</summary>
    public DayRange? Known => _halfTerms.Count == 0 ? null : new DayRange(_halfTerms[0].FirstDay, _halfTerms.Max(h => h.LastDay));

    /// <summary>Reads the signed-in school's calendar (its years, half terms, closures and lesson periods) on its clock.</summary>
    public static async Task<SchoolCalendar> LoadAsync(SecureBaseDb db, CancellationToken ct = default)
    {
        var periods = await ReadPeriods.For(db)(db).ToListAsync(ct);
        var years = await ReadYears.For(db)(db).ToListAsync(ct);
        return new SchoolCalendar(years, periods, db.SchoolContext.Time);
    }

    // Nearly every page reads the calendar: both reads compiled once (EF's preparing of these LINQ queries was a
    // measurable share of the EHCP list's CPU). The school's query filter applies, as in any query.
    private static readonly PerModel<Func<SecureBaseDb, IAsyncEnumerable<LessonPeriod>>> ReadPeriods = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db) => db.LessonPeriods.AsNoTracking()));

    private static readonly PerModel<Func<SecureBaseDb, IAsyncEnumerable<AcademicYear>>> ReadYears = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db) => db.AcademicYears.AsNoTracking().Include(y => y.HalfTerms).Include(y => y.Closures).AsSplitQuery()));

    /// <summary>
    /// <see cref="LoadAsync"/> for pages that only read the calendar (the board in every page's header, the home page's
    /// task lists, the EHCP list). Nearly every page asks, and the calendar changes a few times a year, so each
    /// instance keeps the last calendar it read for each school under the school's <see cref="School.CalendarStamp"/>,
    /// which the request read with the signed-in user's school: a request whose stamp matches reads no calendar at all
    /// (four round trips fewer), and a change saved on any instance gives the school a new stamp, so the next request
    /// on every instance reads the calendar again. Without a stamp (jobs, API clients, a request that has changed the
    /// calendar) it is read once per request; the kept value is forgotten when the request saves anything.
    /// </summary>
    public static Task<SchoolCalendar> LoadForReadingAsync(SecureBaseDb db, CancellationToken ct = default) =>
        db.ReadOnceAsync(typeof(SchoolCalendar), async c =>
        {
            var school = db.CurrentSchoolId;
            if (db.SchoolContext.CalendarStamp is not { } stamp)
            {
                return await LoadAsync(db, c);
            }

            if (Kept.TryGetValue(school, out var kept) && kept.Stamp == stamp)
            {
                return kept.Calendar;
            }

            var calendar = await LoadAsync(db, c);
            Kept[school] = (stamp, calendar);
            return calendar;
        }, ct);

    /// <summary>The last calendar read for each school on this instance, with the stamp it was read under (a few KB a school).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Common.SchoolId, (long Stamp, SchoolCalendar Calendar)> Kept = new();

    /// <summary>The academic year a date falls in (holidays inside the year included), or null.</summary>
    public AcademicYear? YearOf(DateOnly date) => _years.FirstOrDefault(y => y.Dates.Contains(date));

    /// <summary>The year to show on <paramref name="today"/>: the current one, else the next to start, else the latest.</summary>
    public AcademicYear? YearToShow(DateOnly today) =>
        YearOf(today) ?? _years.Where(y => y.StartDate > today).MinBy(y => y.StartDate) ?? _years.LastOrDefault();

    /// <summary>
    /// The half term a date is in, first and last days included (Autumn 1 on Friday 23 October
    /// 2026 when that is its last day), or null in a holiday or outside every year entered.
    /// Weekends and closure days inside a half term belong to it.
    /// </summary>
    public HalfTerm? HalfTermOf(DateOnly date) => _halfTerms.FirstOrDefault(h => h.Dates.Contains(date));

    /// <summary>The closure on a date (an INSET day, a bank holiday in term), or null.</summary>
    public ClosureDay? ClosureOn(DateOnly date) => _closures.GetValueOrDefault(date);

    /// <summary>A Monday to Friday inside a half term that is not a closure day.</summary>
    public bool IsSchoolDay(DateOnly date) =>
        SchoolDates.IsWeekday(date) && HalfTermOf(date) is not null && !_closures.ContainsKey(date);

    /// <summary>The school week (Monday to Sunday) a date is in, or null when the school is closed all that week.</summary>
    public SchoolWeek? WeekOf(DateOnly date) => WeekStarting(SchoolDates.MondayOf(date));

    /// <summary>
    /// The school weeks from <paramref name="from"/> to <paramref name="to"/>, <b>both dates
    /// included</b>, earliest first. A Monday-to-Sunday week counts when at least one school day of
    /// it falls between the two dates; holiday weeks and weeks wholly closed are skipped.
    /// <para>
    /// For example, with Autumn 1 ending on Friday 23 October 2026 and Autumn 2 starting on Monday
    /// 2 November, from Wednesday 21 October to Wednesday 4 November is two school weeks (the weeks
    /// beginning 19 October and 2 November; the half-term week is skipped), and from Saturday
    /// 24 October to Sunday 1 November is none. A week with an INSET day on its Monday still counts,
    /// with four school days. When <paramref name="to"/> is before <paramref name="from"/> the
    /// answer is empty.
    /// </para>
    /// </summary>
    public IReadOnlyList<SchoolWeek> SchoolWeeksBetween(DateOnly from, DateOnly to)
    {
        var weeks = new List<SchoolWeek>();
        if (to < from)
        {
            return weeks;
        }

        var all = Weeks.All;
        for (var i = Weeks.FirstFrom(from); i < all.Count && all[i].Monday <= to; i++)
        {
            // Only the first and the last week can have all their school days outside the two dates.
            if (all[i].SchoolDays.Any(d => from <= d && d <= to))
            {
                weeks.Add(all[i]);
            }
        }

        return weeks;
    }

    /// <summary>
    /// The <paramref name="n"/>th school week counting the week of <paramref name="start"/> as
    /// week 1 when the school is open on <paramref name="start"/> or later that week; holiday weeks
    /// and weeks wholly closed are skipped. It is the nth week of
    /// <see cref="SchoolWeeksBetween"/> from <paramref name="start"/> onwards.
    /// <para>
    /// For example, an episode of therapy starting on Monday 19 October 2026, the last week
    /// before the October half term, has week 1 beginning 19 October and week 2 beginning
    /// 2 November, after the holiday; an episode starting in the summer holiday has week 1 in the
    /// first week of the new year's Autumn 1. Returns null when the calendar does not reach that
    /// far (the next academic year has not been entered yet).
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is less than 1: weeks are counted from 1.</exception>
    public SchoolWeek? NthSchoolWeek(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var i = Weeks.FirstFrom(start) + n - 1;
        return i < Weeks.All.Count ? Weeks.All[i] : null;
    }

    /// <summary>
    /// Which school week of something that started on <paramref name="start"/> the date falls in
    /// (1 for the first), the inverse of <see cref="NthSchoolWeek"/>; null when the date is before
    /// the start or in a week the school is closed.
    /// </summary>
    public int? SchoolWeekNumber(DateOnly start, DateOnly date)
    {
        if (date < start || !Weeks.Ordinal.TryGetValue(SchoolDates.MondayOf(date), out var ordinal))
        {
            return null;
        }

        var first = Weeks.FirstFrom(start);
        return ordinal >= first ? ordinal - first + 1 : null;
    }

    /// <summary>The first school day after <paramref name="date"/> that the calendar knows, or null.</summary>
    public DateOnly? NextSchoolDay(DateOnly date)
    {
        if (Known is not { } known)
        {
            return null;
        }

        for (var d = date < known.FirstDay ? known.FirstDay : date.AddDays(1); d <= known.LastDay; d = d.AddDays(1))
        {
            if (IsSchoolDay(d))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The year, half term, closure, school week and week numbers of a date.</summary>
    public CalendarDay Describe(DateOnly date)
    {
        var week = WeekOf(date);
        var year = YearOf(date);
        int? weekOfHalfTerm = week is null ? null : SchoolWeeksBetween(week.HalfTerm.FirstDay, week.Sunday).Count;
        int? weekOfYear = week is null ? null : SchoolWeeksBetween(_years.First(y => y.Id == week.HalfTerm.AcademicYearId).StartDate, week.Sunday).Count;
        return new CalendarDay(date, year, HalfTermOf(date), ClosureOn(date), IsSchoolDay(date), week, weekOfHalfTerm, weekOfYear, NextSchoolDay(date));
    }

    /// <summary>The lesson periods on a date, in order; none when it is not a school day.</summary>
    public IReadOnlyList<LessonPeriod> LessonsOn(DateOnly date) =>
        IsSchoolDay(date) ? _periods.Where(p => p.IsOn(date.DayOfWeek)).ToList() : [];

    /// <summary>
    /// The dates of a weekly series: the same weekday as <paramref name="first"/>, every week up to
    /// <paramref name="last"/> (included), keeping only school days. Each is its own occurrence.
    /// </summary>
    public IReadOnlyList<DateOnly> WeeklySchoolDays(DateOnly first, DateOnly last)
    {
        var dates = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(7))
        {
            if (IsSchoolDay(d))
            {
                dates.Add(d);
            }
        }

        return dates;
    }

    /// <summary>
    /// The UTC instant of a local date and time, for storing a session. Wall-clock time is kept:
    /// a weekly 09:00 session is at 09:00 in school before and after the clocks change, so in UTC
    /// it is 08:00 during British Summer Time and 09:00 in winter.
    /// <para>
    /// On the Sunday the clocks go forward (28 March 2027) 01:00–01:59 does not exist: such a time
    /// is moved forward by the hour that was skipped, so 01:30 is read as 02:30 BST (01:30 UTC).
    /// On the Sunday they go back (25 October 2026) 01:00–01:59 happens twice: the first, BST,
    /// occurrence is taken, so 01:30 is 00:30 UTC. School sessions are never at those hours; the rule
    /// only makes sure no time is refused or lost.
    /// </para>
    /// </summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) => Time.ToUtc(date, time);

    /// <summary>The school's local date and time of a stored UTC instant.</summary>
    public (DateOnly Date, TimeOnly Time) ToLocal(DateTime utc)
    {
        var local = Time.ToLocal(utc);
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private SchoolWeek? WeekStarting(DateOnly monday) => Weeks.Ordinal.TryGetValue(monday, out var i) ? Weeks.All[i] : null;

    /// <summary>
    /// Every school week the calendar knows, worked out once for this calendar (it is kept between requests, and the
    /// home page asks for several episodes' cycle weeks on every visit; counted day by day, that was a measurable share
    /// of its CPU). Set once; two requests building it at the same moment build the same thing.
    /// </summary>
    private WeekIndex Weeks => _weeks ??= new WeekIndex(this);

    private WeekIndex? _weeks;

    private sealed class WeekIndex
    {
        public WeekIndex(SchoolCalendar calendar)
        {
            if (calendar.Known is not { } known)
            {
                return;
            }

            for (var monday = SchoolDates.MondayOf(known.FirstDay); monday <= known.LastDay; monday = monday.AddDays(7))
            {
                List<DateOnly>? days = null;
                for (var i = 0; i < 5; i++)
                {
                    var d = monday.AddDays(i);
                    if (calendar.IsSchoolDay(d))
                    {
                        (days ??= []).Add(d);
                    }
                }

                if (days is not null)
                {
                    Ordinal[monday] = All.Count;
                    All.Add(new SchoolWeek(monday, days, calendar.HalfTermOf(days[0])!));
                }
            }
        }

        /// <summary>The school weeks, earliest first.</summary>
        public List<SchoolWeek> All { get; } = [];

        /// <summary>Each school week's place in <see cref="All"/>, by its Monday.</summary>
        public Dictionary<DateOnly, int> Ordinal { get; } = [];

        /// <summary>
        /// The place in <see cref="All"/> of the first school week with a school day on or after <paramref name="date"/>
        /// (<see cref="All"/>'s count when there is none).
        /// </summary>
        public int FirstFrom(DateOnly date)
        {
            var monday = SchoolDates.MondayOf(date);
            int lo = 0, hi = All.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (All[mid].Monday < monday)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            // The week of the date itself counts only if it still has a school day from that date on.
            return lo < All.Count && All[lo].Monday == monday && All[lo].SchoolDays[^1] < date ? lo + 1 : lo;
        }
    }
}
