using Microsoft.EntityFrameworkCore;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Notifications;
using SecureBase.Schools;
using SecureBase.Timetable;

namespace SecureBase.Rooms;

/// <summary>A room booking was cancelled: the time it took is free again.</summary>
internal sealed record RoomBookingCancelled(RoomBookingId BookingId, RoomId RoomId, DateOnly Date) : ISchoolEvent;

/// <summary>
/// When a booking that displaced sessions is cancelled before the sessions were moved, the sessions go
/// ahead in their room after all: each displacement still waiting is marked "room given back" (kept
/// for the analytics as evidence of the attempt), and the practitioners and the head of therapy are
/// told at once, as they were told of the displacement. Sessions already moved stay where they went.
/// </summary>
internal sealed class GiveRoomBack(SecureBaseDb db, Notifier notifier, TimeProvider clock) : IHandles<RoomBookingCancelled>
{
    public async Task HandleAsync(RoomBookingCancelled happened, CancellationToken ct)
    {
        var waiting = await db.Displacements.Where(d => d.BookingId == happened.BookingId.Value && d.Outcome == DisplacementOutcome.Pending).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in waiting)
        {
            d.GiveBack(now);
        }

        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == happened.RoomId).Select(r => r.Name).SingleAsync(ct);
        var staffIds = waiting.Select(d => d.StaffId).Distinct().ToList();
        var accounts = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id) && s.UserId != null).Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
        foreach (var practitioner in accounts)
        {
            var theirs = waiting.Where(d => d.StaffId == practitioner.Id).ToList();
            var times = string.Join(", ", theirs.Select(d => $"{SchoolDates.Time(d.Start)}–{SchoolDates.Time(d.End)}"));
            await notifier.QueueAsync([practitioner.UserId!.Value], [new NotificationMessage(
                $"{room} is free again on {SchoolDates.Brief(happened.Date)}",
                $"The booking that took {room} on {SchoolDates.Long(happened.Date)} was cancelled. Your {(theirs.Count == 1 ? "session" : "sessions")} there at {times} can go ahead in {room} as planned.",
                $"/rooms/{happened.RoomId}",
                $"given-back:{happened.BookingId}:{practitioner.Id}",
                SchoolAction.ViewRooms)], now, ct);
        }

        var heads = await notifier.UsersWithRoleAsync(Role.HeadOfTherapy, ct);
        await notifier.QueueAsync(heads, [new NotificationMessage(
            $"{room} given back on {SchoolDates.Brief(happened.Date)}: {waiting.Count} {(waiting.Count == 1 ? "session goes" : "sessions go")} ahead",
            $"The booking of {room} on {SchoolDates.Long(happened.Date)} was cancelled before the {(waiting.Count == 1 ? "session was" : "sessions were")} moved; nothing needs moving now.",
            "/rooms/displacements",
            $"given-back:{happened.BookingId}:head",
            SchoolAction.ViewDisplacements)], now, ct);
    }
}
