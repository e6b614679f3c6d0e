using SecureBase.Audit;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Outcomes;
using SecureBase.Pupils;
using SecureBase.Referrals;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Sessions;
using SecureBase.Staff;

namespace SecureBase.Dashboards;

/// <summary>What the local authority view counts for one school of the authority, read through the modules' published reads.</summary>
internal sealed record SchoolMeasures(
    SchoolId Id,
    string Name,
    int Practitioners,
    int DedicatedRooms,
    int Displacements,
    IReadOnlyList<ReferralWait> Waits,
    IReadOnlyList<AttendanceTally> Attendance,
    IReadOnlyList<EpisodeTomChange> Tom,
    IReadOnlyList<PupilProvisionDelivered> Provision,
    IReadOnlyList<CohortRow> Cohort);

/// <summary>A pupil of the care cohort as their virtual-school officer sees them: where they are, whether in therapy, and their attendance.</summary>
internal sealed record CohortRow(string Pupil, string School, int YearGroup, string Therapy, int Attended, int Recorded);

/// <summary>The local authority view: its name, its figures, and the care cohort (empty unless the officer's scope reaches it).</summary>
internal sealed record AuthorityView(string Authority, IReadOnlyList<Figure> Figures, IReadOnlyList<CohortRow> Cohort, bool SeesCohort);

/// <summary>
/// The local authority view (issue 12, C14): anonymised figures across the schools of the officer's local authority
/// (the authority of the school they are signed in to; a trust is not a local authority), every count of pupils below 5
/// shown as "fewer than 5" by <see cref="SmallNumbers"/>; and, for a virtual-school officer (Scope.CareCohort), the named
/// care-experienced pupils of those schools, the read audited. Each school is read in a scope of its own, so the
/// modules' school filters apply to every read.
/// </summary>
internal sealed class AuthorityFigures(CurrentUser me, Schools.SchoolClock schoolClock, IAuthoritySchools authorities, IServiceScopeFactory scopes, AuditLog audit)
{
    public static readonly string[] FigureIds = ["therapy-in-schools", "schools", "disruptions", "waiting-times", "attendance", "outcomes", "ehcp-provision"];

    public DashboardPeriod Period => DashboardPeriod.On(schoolClock.Today);

    /// <summary>Null when the user's school is not in a local authority.</summary>
    public async Task<AuthorityView?> ViewAsync(bool withCohort, CancellationToken ct)
    {
        if (await authorities.LocalAuthorityOfAsync(me.SchoolId, ct) is not { } authority)
        {
            return null;
        }

        var seesCohort = withCohort && me.ScopeFor(SchoolAction.ViewAuthorityDashboard).HasFlag(Scope.CareCohort);
        var p = Period;
        var schools = new List<SchoolMeasures>();
        foreach (var (id, name, zone) in authority.Schools)
        {
            schools.Add(await MeasureAsync(id, name, zone, p, seesCohort, ct));
        }

        var cohort = schools.SelectMany(s => s.Cohort).ToList();
        if (seesCohort)
        {
            await audit.RecordReadAsync("CareCohort", authority.Id.ToString(), $"the virtual school officer's care cohort: {cohort.Count} pupils across {schools.Count} schools", ct);
        }

        return new AuthorityView(authority.Name, Figures(schools, p), cohort, seesCohort);
    }

    private async Task<SchoolMeasures> MeasureAsync(SchoolId school, string name, string zone, DashboardPeriod p, bool withCohort, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<SchoolContext>().Enter(school, zone);
        var team = await services.GetRequiredService<IPractitionerRoster>().InPostAsync(p.Today, ct);
        var spaces = services.GetRequiredService<ITherapySpaces>();
        var attendance = await services.GetRequiredService<IAttendanceTallies>().BetweenAsync(p.YearFrom, p.Today, ct);
        IReadOnlyList<CohortRow> cohort = [];
        if (withCohort)
        {
            var open = (await services.GetRequiredService<IEpisodeCounts>().ActiveSinceAsync(p.Today, ct)).Where(e => e.Open).ToList();
            cohort = (await services.GetRequiredService<ICareCohort>().OnRollAsync(ct)).Select(c =>
            {
                var mine = attendance.Where(t => t.PupilId == c.Id).ToList();
                var therapy = open.Where(e => e.PupilId == c.Id).Select(e => Disciplines.Name(e.Discipline)).ToList();
                return new CohortRow(c.Name, name, c.YearGroup, therapy.Count == 0 ? "Not in therapy now" : string.Join(", ", therapy), mine.Sum(t => t.Attended), mine.Sum(t => t.Recorded));
            }).ToList();
        }

        return new SchoolMeasures(
            school,
            name,
            team.Count,
            await spaces.DedicatedRoomsAsync(ct),
            (await spaces.DisplacementsAsync(p.YearFrom, p.Today, ct)).Sum(d => d.Sessions),
            await services.GetRequiredService<IReferralWaits>().ReceivedSinceAsync(p.YearFrom, ct),
            attendance,
            await services.GetRequiredService<ITomChanges>().LatestSinceAsync(p.YearFrom, ct),
            await services.GetRequiredService<IProvisionDelivered>().ThisYearAsync(p.Today, ct),
            cohort);
    }

    /// <summary>Every figure of the view; always anonymised (the officer's figures are about other people's pupils).</summary>
    internal static IReadOnlyList<Figure> Figures(IReadOnlyList<SchoolMeasures> schools, DashboardPeriod p)
    {
        const bool a = true;
        var withPractitioner = schools.Count(s => s.Practitioners > 0);
        var withRoom = schools.Count(s => s.DedicatedRooms > 0);
        return
        [
            new Figure("therapy-in-schools", "Therapy in the authority's schools",
                "How many of the authority's schools employ at least one therapy practitioner, and how many have a dedicated therapy space (a room kept for therapy). Schools are not pupils: these counts are exact.",
                "Schools",
                ["Schools", "Share of the authority's schools"],
                [
                    new FigureRow("With at least one therapy practitioner", [SmallNumbers.Exact(withPractitioner), SchoolShare(withPractitioner, schools.Count)]),
                    new FigureRow("With a dedicated therapy space", [SmallNumbers.Exact(withRoom), SchoolShare(withRoom, schools.Count)]),
                    new FigureRow("All schools", [SmallNumbers.Exact(schools.Count), SchoolShare(schools.Count, schools.Count)]),
                ], 1, null),
            new Figure("schools", "Practitioners and therapy spaces by school",
                "Each school's practitioners in post and its dedicated therapy rooms.",
                "School",
                ["Practitioners", "Dedicated therapy rooms", "Has a dedicated therapy space"],
                schools.Select(s => new FigureRow(s.Name, [SmallNumbers.Exact(s.Practitioners), SmallNumbers.Exact(s.DedicatedRooms), SmallNumbers.Words(s.DedicatedRooms > 0 ? "Yes" : "No")])).ToList(),
                0, null),
            new Figure("disruptions", "Room disruptions by school",
                $"Therapy sessions that lost their room {p.YearWords}.",
                "School",
                ["Sessions displaced"],
                schools.Select(s => new FigureRow(s.Name, [SmallNumbers.Count(s.Displacements, a)])).ToList(),
                0, null),
            new Figure("waiting-times", "Waiting times by school",
                $"Referrals received {p.YearWords} that were allocated or are still waiting: the median and longest wait in days.",
                "School",
                ["Referrals", "Median wait (days)", "Longest wait (days)"],
                schools.Select(s =>
                {
                    var days = s.Waits.Select(w => w.DaysWaited(p.Today)).ToList();
                    return new FigureRow(s.Name, [SmallNumbers.Count(days.Count, a), SmallNumbers.Statistic(Measures.Median(days), days.Count, a), SmallNumbers.Statistic(days.Count == 0 ? null : days.Max(), days.Count, a, "0")]);
                }).ToList(),
                1, null),
            new Figure("attendance", "Attendance at therapy by school",
                $"Session places recorded {p.YearWords} and the share the pupil attended.",
                "School",
                ["Session places recorded", "Attended", "Attendance rate"],
                schools.Select(s =>
                {
                    var (recorded, attended) = (s.Attendance.Sum(t => t.Recorded), s.Attendance.Sum(t => t.Attended));
                    return new FigureRow(s.Name, [SmallNumbers.Count(recorded, a), SmallNumbers.Count(attended, a), SmallNumbers.Percent(attended, recorded, a)]);
                }).ToList(),
                2, null),
            new Figure("outcomes", "Outcomes (TOM change) by school",
                $"Episodes rated on the Therapy Outcome Measures at least twice and rated {p.YearWords}: the share that improved meaningfully (0.5 or more in a domain) and the mean change.",
                "School",
                ["Episodes rated twice or more", "Improved meaningfully", "Share improved", "Mean change"],
                schools.Select(s => new FigureRow(s.Name,
                [
                    SmallNumbers.Count(s.Tom.Count, a), SmallNumbers.Count(s.Tom.Count(t => t.ImprovedMeaningfully), a),
                    SmallNumbers.Percent(s.Tom.Count(t => t.ImprovedMeaningfully), s.Tom.Count, a),
                    SmallNumbers.Statistic(s.Tom.Count == 0 ? null : s.Tom.Average(t => t.MeanChange), s.Tom.Count, a, "+0.00;-0.00;0.00"),
                ])).ToList(),
                2, null),
            new Figure("ehcp-provision", "EHCP therapy provision delivered by school",
                $"Pupils whose EHCP specifies therapy, and how many had {ServiceFigures.ProvisionTarget}% or more of the specified minutes delivered this school year so far.",
                "School",
                ["EHCP pupils with therapy provision", $"{ServiceFigures.ProvisionTarget}% or more delivered", $"Share with {ServiceFigures.ProvisionTarget}% or more"],
                schools.Select(s =>
                {
                    var rated = s.Provision.Where(x => x.PercentDelivered is not null).ToList();
                    var met = rated.Count(x => x.PercentDelivered >= ServiceFigures.ProvisionTarget);
                    return new FigureRow(s.Name, [SmallNumbers.Count(rated.Count, a), SmallNumbers.Count(met, a), SmallNumbers.Percent(met, rated.Count, a)]);
                }).ToList(),
                2, null),
        ];
    }

    private static Cell SchoolShare(int part, int whole) => SmallNumbers.Percent(part, whole, anonymised: false);
}
