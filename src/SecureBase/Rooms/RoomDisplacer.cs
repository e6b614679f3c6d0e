using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>
/// When a booking takes a room, each session occurrence in that room at that time (not cancelled)
/// gets a <see cref="Displacement"/>, and its practitioner and the head of therapy are told at once
/// in-app: the room, the date, the time and what the room was booked for, never the booking's
/// purpose or reason, nor any pupil. Everything is saved with the booking, or not at all.
/// </summary>
public sealed class RoomDisplacer(SecureBaseDb db, Notifier notifier, CurrentUser me, TimeProvider clock)
{
    /// <summary>How many sessions the last booking made in this request displaced.</summary>
    public int LastDisplaced { get; private set; }

    public static DisplacementCause CauseOf(BookingKind kind) => kind switch
    {
        BookingKind.Meeting => DisplacementCause.Meeting,
        BookingKind.Exam => DisplacementCause.Exam,
        BookingKind.Interview => DisplacementCause.OtherUse,
        BookingKind.Maintenance => DisplacementCause.Maintenance,
        _ => DisplacementCause.Other,
    };

    public async Task<int> DisplaceAsync(Room room, RoomBooking booking, SchoolCalendar calendar, CancellationToken ct)
    {
        LastDisplaced = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var inRoom = await db.SessionOccurrences
            .Where(o => o.RoomId == room.Id && o.Date == booking.Date && o.Status != OccurrenceStatus.Cancelled)
            .ToListAsync(ct);
        var taken = inRoom.Where(o => booking.Overlaps(o.Start, o.End)).OrderBy(o => o.Start).ToList();
        if (taken.Count == 0)
        {
            return 0;
        }

        var ids = taken.Select(o => o.Id).ToList();
        var alreadyPending = await db.Displacements.Where(d => ids.Contains(d.OccurrenceId) && d.Outcome == DisplacementOutcome.Pending)
            .Select(d => d.OccurrenceId).ToListAsync(ct);
        taken = taken.Where(o => !alreadyPending.Contains(o.Id)).ToList();
        foreach (var o in taken)
        {
            var notice = (int)Math.Floor((calendar.ToUtc(o.Date, o.Start) - now).TotalHours);
            db.Displacements.Add(Displacement.Record(o, CauseOf(booking.Kind), notice, me.UserId, booking.Id.Value, now));
        }

        LastDisplaced = taken.Count;
        if (taken.Count == 0)
        {
            return 0;
        }

        // Each practitioner is told about their own sessions; the head of therapy about all of them.
        var staffIds = taken.Select(o => o.StaffId).Distinct().ToList();
        var accounts = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id) && s.UserId != null)
            .Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
        var when = $"{SchoolDates.Long(booking.Date)}";
        foreach (var practitioner in accounts)
        {
            var theirs = taken.Where(o => o.StaffId == practitioner.Id).ToList();
            var times = string.Join(", ", theirs.Select(o => $"{SchoolDates.Time(o.Start)}–{SchoolDates.Time(o.End)}"));
            var message = new NotificationMessage(
                $"{room.Name} is taken on {SchoolDates.Brief(booking.Date)}: your {(theirs.Count == 1 ? "session needs" : "sessions need")} another place",
                $"{room.Name} has been booked for {BookingKinds.WithArticle(booking.Kind)} on {when}, {booking.TimesText}{(booking.IsEmergency ? " (an emergency booking)" : "")}. " +
                $"Your {(theirs.Count == 1 ? "session" : "sessions")} there at {times} cannot happen in that room. The head of therapy will move {(theirs.Count == 1 ? "it" : "them")}, or you can agree another room or time.",
                $"/rooms/{room.Id}",
                $"displaced:{booking.Id}:{practitioner.Id}",
                SchoolAction.ViewRooms);
            await notifier.QueueAsync([practitioner.UserId!.Value], [message], now, ct);
        }

        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        var headMessage = new NotificationMessage(
            $"{taken.Count} {(taken.Count == 1 ? "session" : "sessions")} displaced from {room.Name} on {SchoolDates.Brief(booking.Date)}",
            $"{room.Name} has been booked for {BookingKinds.WithArticle(booking.Kind)} on {when}, {booking.TimesText}{(booking.IsEmergency ? ", as an emergency" : "")}, " +
            $"by {booking.BookedByName}. {taken.Count} therapy {(taken.Count == 1 ? "session was" : "sessions were")} in the room then and need moving.",
            $"/rooms/displacements",
            $"displaced:{booking.Id}:head",
            SchoolAction.ViewDisplacements);
        await notifier.QueueAsync(heads, [headMessage], now, ct);
        return taken.Count;
    }
}
