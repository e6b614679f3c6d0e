using Microsoft.EntityFrameworkCore;
using SecureBase.Caseload;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Rooms;
using SecureBase.Schools;
using SecureBase.Staff;
using S = SecureBase.Scheduling.Model;

namespace SecureBase.Timetable;

/// <summary>A slot of the scheduler's week: a lesson period on a weekday.</summary>
public sealed record WeekSlot(string Id, DayOfWeek Day, LessonPeriodId PeriodId, string PeriodName, TimeOnly Start, TimeOnly End)
{
    public string Label => $"{Day} {SchoolDates.Time(Start)} ({PeriodName})";
}

/// <summary>
/// The scheduler's instance for one school week, built from live data, and the maps back from the
/// scheduler's ids to the school's records. Slots are the school's lesson periods on each weekday;
/// rooms are unavailable where booked that week (<see cref="IRoomTimes"/>) and outside their therapy
/// hours when they have any; practitioners are available where their working pattern covers the
/// whole period; pupils are unavailable in lessons the SENDCo marked protected and avoid the ones
/// marked avoid. Ids in the instance are the records' own ids (slots: "Mon-1", "Mon-2"…).
/// </summary>
public sealed class WeekInstance
{
    public required DateOnly Monday { get; init; }
    public required S.ScheduleInstance Instance { get; init; }
    public required IReadOnlyDictionary<string, WeekSlot> Slots { get; init; }
    public required IReadOnlyDictionary<string, WeeklySession> Sessions { get; init; }
    public required IReadOnlyDictionary<RoomId, Room> Rooms { get; init; }
    public required IReadOnlyDictionary<StaffId, StaffMember> Staff { get; init; }
    public required IReadOnlyDictionary<PupilId, string> PupilNames { get; init; }

    public DateOnly DateOf(DayOfWeek day) => Monday.AddDays(((int)day + 6) % 7);

    /// <summary>The slot a placement takes: by its period, else by the period starting at its start time.</summary>
    public string? SlotOf(DayOfWeek day, LessonPeriodId? period, TimeOnly start) =>
        Slots.Values.FirstOrDefault(s => s.Day == day && (period is { } p ? s.PeriodId == p : s.Start == start))?.Id;

    public string PupilsOf(WeeklySession s) => string.Join(", ", s.Pupils.Select(p => PupilNames.GetValueOrDefault(p.PupilId, "a pupil")));

    public string StaffName(StaffId id) => Staff.TryGetValue(id, out var s) ? s.DisplayName : "a practitioner who has left";

    public string RoomName(RoomId id) => Rooms.TryGetValue(id, out var r) ? r.Name : "a room no longer in use";
}

/// <summary>Builds <see cref="WeekInstance"/>s. The previous placement of each session, and anything to take out of use, is the caller's choice.</summary>
public sealed class WeekInstanceBuilder(SecureBaseDb db, IEnumerable<IRoomTimes> roomTimes)
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <param name="monday">The week.</param>
    /// <param name="previous">Each session's placement to keep if it can (null: none).</param>
    /// <param name="sessionFilter">Which running sessions to include (default: all).</param>
    /// <param name="takenOut">Extra (room or practitioner, slot) pairs to mark unavailable, for a repair.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<WeekInstance> BuildAsync(
        DateOnly monday,
        Func<WeeklySession, WeekInstanceMaps, S.PreviousPlacement?>? previous = null,
        Func<WeeklySession, bool>? sessionFilter = null,
        IReadOnlySet<(string Id, string Slot)>? takenOut = null,
        CancellationToken ct = default)
    {
        monday = SchoolDates.MondayOf(monday);
        var friday = monday.AddDays(4);
        var calendar = await SchoolCalendar.LoadAsync(db, ct);

        // Slots: every lesson period on each weekday the school is open that week.
        var slots = new List<WeekSlot>();
        foreach (var day in Weekdays)
        {
            var date = monday.AddDays(((int)day + 6) % 7);
            if (calendar.Known is not null && !calendar.IsSchoolDay(date))
            {
                continue;
            }

            var i = 0;
            foreach (var p in calendar.LessonPeriods.Where(p => p.IsOn(day)).OrderBy(p => p.Start))
            {
                slots.Add(new WeekSlot($"{day.ToString()[..3]}-{++i}", day, p.Id, p.Name, p.Start, p.End));
            }
        }

        var slotIds = slots.ToDictionary(s => s.Id);
        var maps = new WeekInstanceMaps(slots);

        // Rooms: booked that week, or outside their therapy hours.
        var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var taken = new List<RoomTaken>();
        var hours = new List<RoomHours>();
        foreach (var source in roomTimes)
        {
            taken.AddRange(await source.TakenAsync(monday, friday, ct));
            hours.AddRange(await source.TherapyHoursAsync(ct));
        }

        var hoursByRoom = hours.GroupBy(h => h.RoomId).ToDictionary(g => g.Key, g => g.ToList());
        var instanceRooms = rooms.Select(r => new S.Room(
            r.Id.ToString(),
            r.SiteId.ToString(),
            r.IsDedicated,
            r.Features.Select(RoomFeatures.Id).ToList(),
            slots.Where(s =>
                    taken.Any(t => t.RoomId == r.Id && t.Date == monday.AddDays(((int)s.Day + 6) % 7) && t.Start < s.End && s.Start < t.End)
                    || (hoursByRoom.TryGetValue(r.Id, out var h) && !h.Any(x => x.Day == s.Day && x.Start <= s.Start && s.End <= x.End))
                    || (takenOut?.Contains((r.Id.ToString(), s.Id)) ?? false))
                .Select(s => s.Id).ToList(),
            r.Name)).ToList();

        // Sessions that run that week, of practitioners still at the school.
        var staff = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var sessions = (await db.WeeklySessions.AsNoTracking().ToListAsync(ct))
            .Where(s => s.IsRunningOn(monday) && s.Pupils.Count > 0 && staff.TryGetValue(s.StaffId, out var m) && (m.LeftOn is null || m.LeftOn > monday))
            .Where(s => sessionFilter?.Invoke(s) ?? true)
            .OrderBy(s => s.Id.Value)
            .ToList();

        var practitioners = sessions.Select(s => s.StaffId).Distinct().Select(id => staff[id]).Select(m => new S.Practitioner(
            m.Id.ToString(),
            slots.Where(s => m.WorkingPattern.Any(b => b.Day == s.Day && b.Start <= s.Start && s.End <= b.End)
                             && !(takenOut?.Contains((m.Id.ToString(), s.Id)) ?? false))
                .Select(s => s.Id).ToList(),
            m.DisplayName)).ToList();

        // Pupils: protected lessons are unavailable, avoided ones avoided.
        var pupilIds = sessions.SelectMany(s => s.Pupils.Select(p => p.PupilId)).ToHashSet();
        var pupils = (await db.Pupils.AsNoTracking().ToListAsync(ct)).Where(p => pupilIds.Contains(p.Id)).ToDictionary(p => p.Id);
        var lessons = (await db.PupilLessons.AsNoTracking().ToListAsync(ct)).Where(l => pupilIds.Contains(l.PupilId)).ToList();
        var marks = (await db.SubjectMarks.AsNoTracking().ToListAsync(ct)).Where(m => pupilIds.Contains(m.PupilId))
            .ToDictionary(m => (m.PupilId, m.SubjectKey), m => m.Protection);
        var periods = calendar.LessonPeriods.ToDictionary(p => p.Id);
        var sessionSite = sessions.SelectMany(s => s.Pupils.Select(p => (p.PupilId, s.SiteId))).GroupBy(x => x.PupilId).ToDictionary(g => g.Key, g => g.First().SiteId);

        List<string> SlotsMarked(PupilId pupil, LessonProtection protection) => slots.Where(s => lessons.Any(l =>
                l.PupilId == pupil && l.Day == s.Day && periods.TryGetValue(l.PeriodId, out var lp) && lp.Start < s.End && s.Start < lp.End
                && marks.TryGetValue((pupil, l.SubjectKey), out var m) && m == protection))
            .Select(s => s.Id).ToList();

        var instancePupils = pupilIds.OrderBy(p => p.Value).Select(id => new S.Pupil(
            id.ToString(),
            sessionSite[id].ToString(),
            SlotsMarked(id, LessonProtection.Protected),
            SlotsMarked(id, LessonProtection.Avoid),
            pupils.TryGetValue(id, out var p) ? p.FirstName : null)).ToList();

        var instanceSessions = sessions.Select(s => new S.TherapySession(
            s.Id.ToString(),
            s.StaffId.ToString(),
            s.Pupils.Select(p => p.PupilId.ToString()).ToList(),
            s.RequiredFeatures.Select(RoomFeatures.Id).ToList(),
            previous?.Invoke(s, maps))).ToList();

        var instance = new S.ScheduleInstance($"week-{monday:yyyy-MM-dd}", S.CostWeights.Default, slots.Select(s => new S.Slot(s.Id, s.Day.ToString()[..3], SchoolDates.Time(s.Start), SchoolDates.Time(s.End))).ToList(),
            instanceRooms, practitioners, instancePupils, instanceSessions);
        return new WeekInstance
        {
            Monday = monday,
            Instance = instance,
            Slots = slotIds,
            Sessions = sessions.ToDictionary(s => s.Id.ToString()),
            Rooms = rooms.ToDictionary(r => r.Id),
            Staff = staff,
            PupilNames = pupils.ToDictionary(p => p.Key, p => p.Value.DisplayName),
        };
    }

    /// <summary>The site a new session is at: its pupil's, else the school's first.</summary>
    internal async Task<SiteId> SiteOfAsync(PupilId pupil, CancellationToken ct)
    {
        var site = await db.Pupils.Where(p => p.Id == pupil).Select(p => p.SiteId).SingleOrDefaultAsync(ct);
        return site ?? await db.Sites.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(ct);
    }

    /// <summary>Creates the default weekly session (45 minutes 1:1 with the episode's practitioner) of every open episode that has none. Returns how many.</summary>
    public async Task<int> EnsureSessionsAsync(CancellationToken ct = default)
    {
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Open).ToListAsync(ct);
        var covered = (await db.WeeklySessions.AsNoTracking().ToListAsync(ct)).Where(s => s.EndedOn is null)
            .SelectMany(s => s.Pupils.Select(p => p.EpisodeId)).ToHashSet();
        var made = 0;
        foreach (var e in episodes.Where(e => !covered.Contains(e.Id)))
        {
            var site = await SiteOfAsync(e.PupilId, ct);
            db.WeeklySessions.Add(WeeklySession.ForEpisode(e.SchoolId, site, e.StaffId, e.Discipline, e.PupilId, e.Id,
                AllocationDesk.FeaturesFor(e.Discipline).Select(FeatureOf).OfType<RoomFeature>()));
            made++;
        }

        if (made > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return made;
    }

    private static RoomFeature? FeatureOf(string id) => Enum.GetValues<RoomFeature>().Cast<RoomFeature?>().FirstOrDefault(f => RoomFeatures.Id(f!.Value) == id);
}

/// <summary>Slot lookups for giving each session its previous placement.</summary>
public sealed class WeekInstanceMaps(IReadOnlyList<WeekSlot> slots)
{
    public string? SlotOf(DayOfWeek day, LessonPeriodId? period, TimeOnly start) =>
        slots.FirstOrDefault(s => s.Day == day && (period is { } p ? s.PeriodId == p : s.Start == start))?.Id;
}
