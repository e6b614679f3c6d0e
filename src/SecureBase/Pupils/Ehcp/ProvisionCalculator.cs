using SecureBase.Common;
using SecureBase.Schools;
using SecureBase.Staff;

namespace SecureBase.Pupils;

/// <summary>
/// The stretch of school time provision is compared over, with how many school weeks and half
/// terms it holds. A plan saying "1 session a week" specifies <see cref="SchoolWeeks"/> sessions
/// in the period; "6 sessions each half term" specifies 6 × <see cref="HalfTerms"/>. Both numbers
/// are given, not worked out here, so that they can come from the school calendar; until it is
/// connected, <see cref="AcademicYearSoFar"/> estimates them and says so (<see cref="IsEstimate"/>).
/// <see cref="From"/> and <see cref="To"/> are both inclusive: sessions on either day count.
/// </summary>
public sealed record ProvisionPeriod(DateOnly From, DateOnly To, decimal SchoolWeeks, decimal HalfTerms, bool IsEstimate)
{
    /// <summary>An English school year: 39 teaching weeks in six half terms.</summary>
    public const decimal SchoolWeeksInYear = 39m;

    /// <summary>From 1 September to the end of the summer term is about 46 calendar weeks, 7 of them holidays.</summary>
    public const decimal CalendarWeeksInSchoolYear = 46m;

    public const decimal HalfTermsInYear = 6m;

    /// <summary>
    /// From 1 September to <paramref name="today"/>, with school weeks estimated by spreading the
    /// year's 39 school weeks evenly over the 46 calendar weeks from 1 September (so holidays count
    /// as 7/46 of every stretch), capped at 39; half terms are school weeks ÷ 6.5. A rough rule,
    /// shown as an estimate, until the school calendar's <c>SchoolWeeksBetween</c> replaces it.
    /// </summary>
    public static ProvisionPeriod AcademicYearSoFar(DateOnly today)
    {
        var from = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        var calendarWeeks = (today.DayNumber - from.DayNumber + 1) / 7m;
        var schoolWeeks = Math.Min(SchoolWeeksInYear, Math.Round(calendarWeeks * SchoolWeeksInYear / CalendarWeeksInSchoolYear, 1));
        var halfTerms = Math.Round(schoolWeeks * HalfTermsInYear / SchoolWeeksInYear, 1);
        return new ProvisionPeriod(from, today, schoolWeeks, halfTerms, IsEstimate: true);
    }

    /// <summary>
    /// The academic year so far, counted on the school's own calendar: the school weeks from the
    /// year's first day to <paramref name="today"/> (holidays and closed weeks left out) and the half
    /// terms begun. Null when the school has not entered the year, so the estimate is used instead.
    /// </summary>
    public static ProvisionPeriod? FromCalendar(SchoolCalendar calendar, DateOnly today)
    {
        if (calendar.YearOf(today) is not { } year)
        {
            return null;
        }

        var weeks = calendar.SchoolWeeksBetween(year.StartDate, today).Count;
        var halfTerms = year.HalfTerms.Count(h => h.FirstDay <= today);
        return new ProvisionPeriod(year.StartDate, today, weeks, halfTerms, IsEstimate: false);
    }

    public bool Contains(DateOnly date) => date >= From && date <= To;
}

/// <summary>
/// A therapy session that took place, as the sessions module will record it. A group session
/// (<see cref="Group"/>) does not count towards individual provision, nor an individual one towards group provision.
/// </summary>
public sealed record DeliveredSession(PupilId PupilId, Discipline Discipline, DateOnly Date, int Minutes, bool Group);

/// <summary>The sessions of one pupil in one discipline and mode that took place in a period, added up (their count and minutes).</summary>
public sealed record DeliveredTotal(PupilId PupilId, Discipline Discipline, bool Group, int Sessions, int Minutes);

/// <summary>One line of specified provision for one pupil (a <see cref="ProvisionItem"/> without its plan).</summary>
public sealed record SpecifiedProvision(PupilId PupilId, Discipline Discipline, int Sessions, ProvisionFrequency Frequency, int MinutesPerSession, ProvisionDelivery Delivery)
{
    public static SpecifiedProvision Of(PupilId pupil, ProvisionItem item) =>
        new(pupil, item.Discipline, item.Sessions, item.Frequency, item.MinutesPerSession, item.Delivery);
}

/// <summary>
/// Specified against delivered, in sessions and minutes. Specified numbers may be fractional (1 a
/// week over 12.5 school weeks is 12.5 sessions). The shortfall never goes below zero, and extra
/// group sessions do not make up for missing individual ones: a discipline's shortfall is the sum of
/// its individual and group shortfalls.
/// </summary>
public readonly record struct ProvisionTotals(
    decimal SpecifiedSessions,
    decimal SpecifiedMinutes,
    int DeliveredSessions,
    int DeliveredMinutes,
    decimal ShortfallSessions,
    decimal ShortfallMinutes)
{
    /// <summary>How much of the specified time was delivered, 0-100, rounded down (99.6% is not "100%"); null when nothing is specified.</summary>
    public int? PercentDelivered => SpecifiedMinutes <= 0
        ? null
        : (int)Math.Floor((SpecifiedMinutes - ShortfallMinutes) * 100m / SpecifiedMinutes);

    public static ProvisionTotals Line(decimal specifiedSessions, decimal specifiedMinutes, int deliveredSessions, int deliveredMinutes) => new(
        specifiedSessions, specifiedMinutes, deliveredSessions, deliveredMinutes,
        Math.Max(0, specifiedSessions - deliveredSessions), Math.Max(0, specifiedMinutes - deliveredMinutes));

    public static ProvisionTotals Sum(IEnumerable<ProvisionTotals> parts)
    {
        var t = default(ProvisionTotals);
        foreach (var p in parts)
        {
            t = new ProvisionTotals(
                t.SpecifiedSessions + p.SpecifiedSessions, t.SpecifiedMinutes + p.SpecifiedMinutes,
                t.DeliveredSessions + p.DeliveredSessions, t.DeliveredMinutes + p.DeliveredMinutes,
                t.ShortfallSessions + p.ShortfallSessions, t.ShortfallMinutes + p.ShortfallMinutes);
        }

        return t;
    }
}

/// <summary>One pupil, one discipline, one way of delivering it (individual or group).</summary>
public sealed record ProvisionLine(PupilId PupilId, Discipline Discipline, ProvisionDelivery Delivery, ProvisionTotals Totals);

/// <summary>One pupil's provision in one discipline: individual and group lines together.</summary>
public sealed record DisciplineProvision(PupilId PupilId, Discipline Discipline, IReadOnlyList<ProvisionLine> Lines)
{
    public ProvisionTotals Totals { get; } = ProvisionTotals.Sum(Lines.Select(l => l.Totals));
}

/// <summary>One pupil's provision in every discipline their plan specifies or they received.</summary>
public sealed record PupilProvision(PupilId PupilId, IReadOnlyList<DisciplineProvision> Disciplines)
{
    public ProvisionTotals Totals { get; } = ProvisionTotals.Sum(Disciplines.Select(d => d.Totals));
}

/// <summary>Specified vs delivered over a period, per pupil and per discipline.</summary>
public static class ProvisionCalculator
{
    /// <summary>
    /// Compares what plans specify with what was delivered in <paramref name="period"/>. Sessions
    /// outside the period are ignored; sessions in a discipline or mode the plan does not specify
    /// are shown as delivered against nothing specified.
    /// </summary>
    public static IReadOnlyList<PupilProvision> Compare(IEnumerable<SpecifiedProvision> specified, ProvisionPeriod period, IEnumerable<DeliveredSession> delivered) =>
        CompareTotals(specified, period, delivered
            .Where(d => period.Contains(d.Date))
            .GroupBy(d => (d.PupilId, d.Discipline, d.Group))
            .Select(g => new DeliveredTotal(g.Key.PupilId, g.Key.Discipline, g.Key.Group, g.Count(), g.Sum(d => Math.Max(0, d.Minutes)))));

    /// <summary>As <see cref="Compare"/>, from sessions already added up for the period.</summary>
    public static IReadOnlyList<PupilProvision> CompareTotals(IEnumerable<SpecifiedProvision> specified, ProvisionPeriod period, IEnumerable<DeliveredTotal> delivered)
    {
        var spec = specified
            .GroupBy(s => (s.PupilId, s.Discipline, s.Delivery))
            .ToDictionary(g => g.Key, g => (
                Sessions: g.Sum(s => s.Sessions * Multiplier(s.Frequency, period)),
                Minutes: g.Sum(s => s.Sessions * Multiplier(s.Frequency, period) * s.MinutesPerSession)));
        var done = delivered
            .GroupBy(d => (d.PupilId, d.Discipline, Delivery: d.Group ? ProvisionDelivery.Group : ProvisionDelivery.Individual))
            .ToDictionary(g => g.Key, g => (Sessions: g.Sum(d => d.Sessions), Minutes: g.Sum(d => d.Minutes)));

        return spec.Keys.Union(done.Keys)
            .Select(k =>
            {
                var s = spec.GetValueOrDefault(k);
                var d = done.GetValueOrDefault(k);
                return new ProvisionLine(k.PupilId, k.Discipline, k.Delivery, ProvisionTotals.Line(s.Sessions, s.Minutes, d.Sessions, d.Minutes));
            })
            .GroupBy(l => l.PupilId)
            .Select(p => new PupilProvision(p.Key, p
                .GroupBy(l => l.Discipline)
                .OrderBy(g => g.Key)
                .Select(g => new DisciplineProvision(p.Key, g.Key, g.OrderBy(l => l.Delivery).ToList()))
                .ToList()))
            .ToList();
    }

    /// <summary>How many times a frequency's sessions happen in the period.</summary>
    public static decimal Multiplier(ProvisionFrequency frequency, ProvisionPeriod period) => frequency switch
    {
        ProvisionFrequency.PerWeek => period.SchoolWeeks,
        ProvisionFrequency.PerHalfTerm => period.HalfTerms,
    };
}
