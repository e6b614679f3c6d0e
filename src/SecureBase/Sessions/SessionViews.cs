using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Timetable;

namespace SecureBase.Sessions;

/// <summary>A session as a family or pupil sees it: when, where, with whom, and (once held) the attendance in words. Never engagement or notes.</summary>
public sealed record FamilySessionLine(DateOnly Date, TimeOnly Start, TimeOnly End, string? Room, string Practitioner, string? Attendance, bool Came);

/// <summary>The sessions to come (the next four weeks) and those recorded this term or so (the last 13 weeks).</summary>
public sealed record FamilySessions(string PupilName, IReadOnlyList<FamilySessionLine> Upcoming, IReadOnlyList<FamilySessionLine> Past);

/// <summary>
/// What a parent sees of their own child's sessions (appointment times and attendance) and what a
/// pupil sees of their own: read through the relationship (an unrestricted carer link, the pupil's
/// own account), never engagement or notes.
/// </summary>
public sealed class SessionViews(SecureBaseDb db, CurrentUser me, Schools.SchoolClock schoolClock, TimetableWeek timetable)
{
    public const int WeeksAhead = 4;
    public const int WeeksBack = 13;

    /// <summary>A child of the signed-in parent (not through a restricted link), or null.</summary>
    public async Task<FamilySessions?> ForChildAsync(PupilId pupil, CancellationToken ct)
    {
        if (!me.ScopeFor(SchoolAction.ViewChildSessions).HasFlag(Scope.OwnChild) || me.CarerId is not { } carer
            || !await db.CarerLinks.AnyAsync(l => l.PupilId == pupil && l.CarerId == carer && !l.IsRestricted, ct))
        {
            return null;
        }

        return await ForAsync(pupil, ct);
    }

    /// <summary>The signed-in pupil's own sessions, or null for a user who is not a pupil.</summary>
    public async Task<FamilySessions?> ForSelfAsync(CancellationToken ct) =>
        me.ScopeFor(SchoolAction.ViewOwnSessions).HasFlag(Scope.Self) && me.PupilId is { } self ? await ForAsync(self, ct) : null;

    /// <summary>
    /// A pupil's coming appointment times as their family may be told them (date, time, room, practitioner; never notes or
    /// engagement): the published read for staff who speak to the family, such as the parents' evening sheet. The caller
    /// decides who may see it.
    /// </summary>
    public async Task<IReadOnlyList<FamilySessionLine>> UpcomingForFamilyAsync(PupilId pupil, CancellationToken ct) =>
        (await ForAsync(pupil, ct))?.Upcoming ?? [];

    private async Task<FamilySessions?> ForAsync(PupilId pupil, CancellationToken ct)
    {
        var p = await db.Pupils.AsNoTracking().Where(x => x.Id == pupil)
            .Select(x => new { F = x.PreferredFirstName ?? x.LegalFirstName, L = x.PreferredLastName ?? x.LegalLastName }).SingleOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var local = schoolClock.LocalNow;
        var today = DateOnly.FromDateTime(local);
        var now = TimeOnly.FromDateTime(local);

        var upcoming = (await timetable.BetweenAsync(today, today.AddDays(7 * WeeksAhead), new OccurrenceFilter(Pupil: pupil), ct))
            .Where(o => o.Date > today || o.Start >= now)
            .Select(o => new FamilySessionLine(o.Date, o.Start, o.End, o.RoomName, o.StaffName, null, false))
            .ToList();

        var from = today.AddDays(-7 * WeeksBack);
        var recorded = await db.TherapySessions.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= today && s.Members.Any(m => m.PupilId == pupil))
            .ToListAsync(ct);
        var staffIds = recorded.Select(s => s.StaffId).Distinct().ToList();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
        var roomIds = recorded.Where(s => s.RoomId is not null).Select(s => s.RoomId!.Value).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var past = recorded
            .Select(s => (Session: s, Member: s.Members.Single(m => m.PupilId == pupil)))
            .OrderByDescending(x => x.Session.Date).ThenByDescending(x => x.Session.Start)
            .Select(x => new FamilySessionLine(x.Session.Date, x.Session.Start, x.Session.Start.AddMinutes(x.Session.Minutes),
                x.Session.RoomId is { } r ? rooms.GetValueOrDefault(r) : null, staff.GetValueOrDefault(x.Session.StaffId) ?? "",
                SessionWords.Of(x.Member.Attendance), SessionWords.WasSeen(x.Member.Attendance)))
            .ToList();
        return new FamilySessions($"{p.F} {p.L}", upcoming, past);
    }
}
