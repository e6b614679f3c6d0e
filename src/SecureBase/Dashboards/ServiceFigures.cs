using SecureBase.Caseload;
using SecureBase.Development;
using SecureBase.Identity;
using SecureBase.Outcomes;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Rooms;
using SecureBase.Sessions;
using SecureBase.Staff;

namespace SecureBase.Dashboards;

/// <summary>The school year so far and the last twelve months: the periods the dashboards count over.</summary>
internal sealed record DashboardPeriod(DateOnly Today, DateOnly YearFrom, DateOnly TwelveMonthsFrom)
{
    public static DashboardPeriod On(DateOnly today) => new(today, new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1), today.AddYears(-1).AddDays(1));

    public string YearWords => $"since {YearFrom:d MMMM yyyy}";
}

/// <summary>
/// The numbers behind both dashboards, worked out from the modules' published reads only (never their tables), for the
/// school the scope is in: what the service dashboards and the local authority view both count.
/// </summary>
internal static class Measures
{
    public static decimal? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>The half term a day falls in, by month (Autumn 1: September–October, ...), for the trend.</summary>
    public static (int Order, string Name) HalfTerm(DateOnly day)
    {
        var startYear = day.Month >= 9 ? day.Year : day.Year - 1;
        var (n, name) = day.Month switch
        {
            9 or 10 => (1, "Autumn 1"),
            11 or 12 => (2, "Autumn 2"),
            1 or 2 => (3, "Spring 1"),
            3 or 4 => (4, "Spring 2"),
            5 => (5, "Summer 1"),
            _ => (6, "Summer 2"),
        };
        return ((startYear * 10) + n, $"{name} {startYear}/{(startYear + 1) % 100:00}");
    }
}

/// <summary>
/// The service dashboards (issue 12, C14) of the user's school: each figure a table with its chart, its list for those
/// who may open it, and its CSV. Exact for the Head of Therapy; anonymised for the headteacher (small counts
/// suppressed, no names), by <see cref="SmallNumbers"/>.
/// </summary>
internal sealed class ServiceFigures(
    CurrentUser me,
    Schools.SchoolClock schoolClock,
    IReferralWaits waits,
    IPractitionerRoster roster,
    IEpisodeCounts episodes,
    IAttendanceTallies attendance,
    ITomChanges tom,
    IProvisionDelivered provision,
    ITherapySpaces spaces,
    ISupervisionSummary supervision)
{
    public const int ProvisionTarget = 80;

    public static readonly string[] FigureIds = ["waiting-times", "referrals-by-half-term", "caseloads", "attendance", "tom-change", "ehcp-provision", "room-disruptions", "supervision"];

    /// <summary>The headteacher's figures are anonymised: the scope is not the whole school's.</summary>
    public bool Anonymised => !me.ScopeFor(SchoolAction.ViewServiceDashboards).HasFlag(Scope.School);

    public DashboardPeriod Period => DashboardPeriod.On(schoolClock.Today);

    public async Task<IReadOnlyList<Figure>> AllAsync(CancellationToken ct)
    {
        var figures = new List<Figure>();
        foreach (var id in FigureIds)
        {
            figures.Add((await OneAsync(id, ct))!);
        }

        return figures;
    }

    public async Task<Figure?> OneAsync(string id, CancellationToken ct)
    {
        var p = Period;
        var a = Anonymised;
        return id switch
        {
            "waiting-times" => WaitingTimes(await waits.ReceivedSinceAsync(p.TwelveMonthsFrom, ct), p, a, Figure.ListFor(me, SchoolAction.ViewWaitingList, "/waiting-list", "The waiting list")),
            "referrals-by-half-term" => Trend(await waits.ReceivedSinceAsync(p.TwelveMonthsFrom, ct), p, a, Figure.ListFor(me, SchoolAction.ViewReferrals, "/referrals", "Every referral")),
            "caseloads" => Caseloads(await roster.InPostAsync(p.Today, ct), await episodes.ActiveSinceAsync(p.Today, ct), a),
            "attendance" => Attendance(await attendance.BetweenAsync(p.YearFrom, p.Today, ct), await episodes.ActiveSinceAsync(p.YearFrom, ct), p, a),
            "tom-change" => TomChange(await tom.LatestSinceAsync(p.YearFrom, ct), p, a),
            "ehcp-provision" => Provision(await provision.ThisYearAsync(p.Today, ct), a),
            "room-disruptions" => Disruptions(await spaces.DisplacementsAsync(p.YearFrom, p.Today, ct), p),
            "supervision" => Supervision(await supervision.OnAsync(p.Today, ct)),
            _ => null,
        };
    }

    private static Figure WaitingTimes(IReadOnlyList<ReferralWait> rows, DashboardPeriod p, bool a, FigureList? list) => new(
        "waiting-times",
        "Referrals and waiting times by discipline",
        $"Referrals received in the last twelve months that were allocated to a therapist or are still waiting: the median and longest wait in days, from the day received to the day allocated (or to today, still waiting).",
        "Discipline",
        ["Referrals", "Still waiting", "Median wait (days)", "Longest wait (days)"],
        rows.GroupBy(r => r.Discipline).OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key is { } d ? Disciplines.Name(d) : "", StringComparer.CurrentCulture).Select(g =>
        {
            var days = g.Select(r => r.DaysWaited(p.Today)).ToList();
            return new FigureRow(g.Key is { } d ? Disciplines.Name(d) : "Not yet decided",
            [
                SmallNumbers.Count(g.Count(), a), SmallNumbers.Count(g.Count(r => r.StillWaiting), a),
                SmallNumbers.Statistic(Measures.Median(days), days.Count, a), SmallNumbers.Statistic(days.Max(), days.Count, a, "0"),
            ]);
        }).ToList(),
        2,
        list);

    private static Figure Trend(IReadOnlyList<ReferralWait> rows, DashboardPeriod p, bool a, FigureList? list) => new(
        "referrals-by-half-term",
        "Referrals and waits by half term",
        "Referrals received in each half term of the last twelve months (half terms by month: Autumn 1 is September and October), and the median wait of those referrals so far.",
        "Half term",
        ["Referrals received", "Median wait (days)"],
        rows.GroupBy(r => Measures.HalfTerm(r.ReceivedOn)).OrderBy(g => g.Key.Order).Select(g =>
        {
            var days = g.Select(r => r.DaysWaited(p.Today)).ToList();
            return new FigureRow(g.Key.Name, [SmallNumbers.Count(g.Count(), a), SmallNumbers.Statistic(Measures.Median(days), days.Count, a)]);
        }).ToList(),
        0,
        list);

    private Figure Caseloads(IReadOnlyList<RosterPractitioner> team, IReadOnlyList<EpisodeCount> active, bool a) => new(
        "caseloads",
        "Caseloads against capacity",
        "Each practitioner's open episodes against the caseload they have capacity for (where set).",
        "Practitioner",
        ["Open episodes", "Capacity", "Share of capacity used"],
        team.Select(t =>
        {
            var open = active.Count(e => e.Open && e.StaffId == t.Id);
            return new FigureRow($"{t.Name} ({Disciplines.Name(t.Discipline)})",
            [
                SmallNumbers.Count(open, a),
                t.CaseloadCapacity is { } c ? SmallNumbers.Exact(c) : SmallNumbers.Words(SmallNumbers.NotApplicable),
                t.CaseloadCapacity is { } cap ? SmallNumbers.Percent(open, cap, a) : SmallNumbers.Words(SmallNumbers.NotApplicable),
            ]);
        }).ToList(),
        0,
        Figure.ListFor(me, SchoolAction.ViewCaseload, "/caseload", "Every caseload"));

    private Figure Attendance(IReadOnlyList<AttendanceTally> tallies, IReadOnlyList<EpisodeCount> active, DashboardPeriod p, bool a) => new(
        "attendance",
        "Attendance and disengagement by discipline",
        $"Session places recorded {p.YearWords}: how many the pupil attended and how many they refused (the 6-week rule counts refusals), and the episodes closed for disengagement.",
        "Discipline",
        ["Session places recorded", "Attended", "Attendance rate", "Refused", "Refusal rate", "Episodes closed for disengagement"],
        tallies.Select(t => t.Discipline).Concat(active.Where(e => e.EndedForDisengagement).Select(e => e.Discipline)).Distinct()
            .OrderBy(Disciplines.Name, StringComparer.CurrentCulture).Select(d =>
            {
                var of = tallies.Where(t => t.Discipline == d).ToList();
                var (recorded, attended, refused) = (of.Sum(t => t.Recorded), of.Sum(t => t.Attended), of.Sum(t => t.Refused));
                return new FigureRow(Disciplines.Name(d),
                [
                    SmallNumbers.Count(recorded, a), SmallNumbers.Count(attended, a), SmallNumbers.Percent(attended, recorded, a),
                    SmallNumbers.Count(refused, a), SmallNumbers.Percent(refused, recorded, a),
                    SmallNumbers.Count(active.Count(e => e.Discipline == d && e.EndedForDisengagement), a),
                ]);
            }).ToList(),
        2,
        Figure.ListFor(me, SchoolAction.ViewSessions, "/sessions", "The week's sessions"));

    private Figure TomChange(IReadOnlyList<EpisodeTomChange> changes, DashboardPeriod p, bool a) => new(
        "tom-change",
        "TOM change by discipline",
        $"Episodes rated on the Therapy Outcome Measures at least twice and rated {p.YearWords}: how many improved meaningfully (0.5 or more in a domain) and the mean change of the four domains from the first rating to the latest.",
        "Discipline",
        ["Episodes rated twice or more", "Improved meaningfully", "Share improved", "Declined meaningfully", "Mean change"],
        changes.GroupBy(c => c.Discipline).OrderBy(g => Disciplines.Name(g.Key), StringComparer.CurrentCulture).Select(g => new FigureRow(Disciplines.Name(g.Key),
        [
            SmallNumbers.Count(g.Count(), a), SmallNumbers.Count(g.Count(c => c.ImprovedMeaningfully), a), SmallNumbers.Percent(g.Count(c => c.ImprovedMeaningfully), g.Count(), a),
            SmallNumbers.Count(g.Count(c => c.DeclinedMeaningfully), a), SmallNumbers.Statistic(g.Average(c => c.MeanChange), g.Count(), a, "+0.00;-0.00;0.00"),
        ])).ToList(),
        2,
        Figure.ListFor(me, SchoolAction.ViewCaseload, "/caseload", "Every caseload (each episode's outcomes)"));

    private Figure Provision(IReadOnlyList<PupilProvisionDelivered> pupils, bool a)
    {
        var bands = new (string Label, Func<int, bool> In)[]
        {
            ($"{ProvisionTarget}% or more delivered", p => p >= ProvisionTarget),
            ($"50% to {ProvisionTarget - 1}% delivered", p => p is >= 50 and < ProvisionTarget),
            ("Below 50% delivered", p => p < 50),
        };
        var rated = pupils.Where(p => p.PercentDelivered is not null).ToList();
        return new Figure(
            "ehcp-provision",
            "EHCP provision specified against delivered",
            $"Pupils whose EHCP specifies therapy, by the share of the specified minutes delivered this school year so far. Specified {pupils.Sum(p => p.SpecifiedMinutes)} minutes, delivered {pupils.Sum(p => p.DeliveredMinutes)}. Pupils below {ProvisionTarget}% are listed for the SENDCo.",
            "Provision delivered",
            ["Pupils", "Share of EHCP pupils"],
            bands.Select(b =>
            {
                var n = rated.Count(p => b.In(p.PercentDelivered!.Value));
                return new FigureRow(b.Label, [SmallNumbers.Count(n, a), SmallNumbers.Percent(n, rated.Count, a)]);
            }).ToList(),
            0,
            Figure.ListFor(me, SchoolAction.ViewProvisionShortfall, "/dashboards/provision-below-80", $"EHCP pupils below {ProvisionTarget}% delivered"));
    }

    private Figure Disruptions(IReadOnlyList<DisplacementsByCause> causes, DashboardPeriod p) => new(
        "room-disruptions",
        "Room disruptions by cause",
        $"Therapy sessions that lost their room {p.YearWords}, by what took it (no pupil is counted).",
        "Cause",
        ["Sessions displaced"],
        causes.Select(c => new FigureRow(c.Cause, [SmallNumbers.Exact(c.Sessions)])).ToList(),
        0,
        Figure.ListFor(me, SchoolAction.ViewDisplacements, "/rooms/displacements", "Every displacement"));

    private Figure Supervision(SupervisionCounts counts) => new(
        "supervision",
        "Staff supervision status",
        "Practitioners in post by where they stand with clinical supervision today.",
        "Status",
        ["Practitioners"],
        [
            new FigureRow("Up to date", [SmallNumbers.Exact(counts.UpToDate)]),
            new FigureRow("Overdue", [SmallNumbers.Exact(counts.Overdue)]),
            new FigureRow("None recorded", [SmallNumbers.Exact(counts.NeverRecorded)]),
        ],
        0,
        Figure.ListFor(me, SchoolAction.ViewSupervision, "/supervision", "Supervision"));
}
