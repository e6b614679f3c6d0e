using Microsoft.EntityFrameworkCore;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Rooms;

/// <summary>A booking with its room's name, for lists.</summary>
public sealed record BookingRow(RoomBooking Booking, string RoomName);

/// <summary>
/// Room bookings: any member of staff books a room for another use. Refused, with nothing
/// changed: in the past, not a school day, end before start, overlapping another booking of the
/// room. Over protected therapy hours it needs the school's notice and a reason, or is an
/// emergency. Sessions in the room at that time are displaced and their practitioners told at once.
/// </summary>
public sealed class RoomBookings(SecureBaseDb db, CurrentUser me, TimeProvider clock, Schools.SchoolClock schoolClock, AuditLog audit, RoomDisplacer displacer)
{
    /// <summary>The school days of notice a booking on <paramref name="date"/> made on <paramref name="today"/> gives: school days after today up to the date.</summary>
    public static int NoticeSchoolDays(SchoolCalendar calendar, DateOnly today, DateOnly date)
    {
        var count = 0;
        for (var d = today.AddDays(1); d <= date; d = d.AddDays(1))
        {
            if (calendar.IsSchoolDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Why a date cannot be booked, or null when it is a school day.</summary>
    public static string? NotASchoolDay(SchoolCalendar calendar, DateOnly date)
    {
        if (calendar.IsSchoolDay(date))
        {
            return null;
        }

        var when = SchoolDates.Long(date);
        if (!SchoolDates.IsWeekday(date))
        {
            return $"{when} is a weekend: rooms are booked for school days";
        }

        if (calendar.ClosureOn(date) is { } closure)
        {
            return $"The school is closed on {when} ({closure.Description}): choose a school day";
        }

        return calendar.HalfTermOf(date) is null && calendar.YearOf(date) is not null
            ? $"{when} is in the school holidays: choose a school day"
            : $"{when} is not a school day in the school calendar: choose a school day";
    }

    /// <summary>The room's bookings from a date to a date (cancelled ones left out), earliest first.</summary>
    public async Task<IReadOnlyList<RoomBooking>> ForRoomAsync(RoomId room, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room && b.Date >= from && b.Date <= to && b.CancelledAt == null).ToListAsync(ct))
        .OrderBy(b => b.Date).ThenBy(b => b.Start).ToList();

    /// <summary>The signed-in user's own bookings from today on.</summary>
    public async Task<IReadOnlyList<BookingRow>> MineAsync(DateOnly from, CancellationToken ct = default)
    {
        var mine = await db.RoomBookings.AsNoTracking().Where(b => b.BookedBy == me.UserId && b.Date >= from && b.CancelledAt == null).ToListAsync(ct);
        var names = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return mine.OrderBy(b => b.Date).ThenBy(b => b.Start).Select(b => new BookingRow(b, names.GetValueOrDefault(b.RoomId, ""))).ToList();
    }

    /// <summary>Whether the signed-in user may cancel the booking: their own, or any for those who keep the rooms.</summary>
    public bool MayCancel(RoomBooking booking) => booking.BookedBy == me.UserId || me.Can(SchoolAction.ManageRooms);

    public async Task<Result<RoomBooking>> BookAsync(RoomId roomId, BookingRequest request, CancellationToken ct = default)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return new Error.NotFound("That room was not found.");
        }

        var calendar = await SchoolCalendar.LoadAsync(db, ct);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var local = schoolClock.ToLocal(nowUtc);
        var today = DateOnly.FromDateTime(local);
        var (date, start, end) = (request.Date, request.Start, request.End);

        var errors = new List<FieldError>();
        if (request.Purpose.Length == 0)
        {
            errors.Add(new FieldError("Purpose", "Say what the room is for, for example \"Year 9 parents' meeting\""));
        }

        if (end <= start)
        {
            errors.Add(new FieldError("End", $"The booking must end after it starts ({SchoolDates.Time(start)})"));
        }
        else if (start < LessonPeriod.DayOpens || end > LessonPeriod.DayCloses)
        {
            errors.Add(new FieldError("Start", $"Rooms are booked within the school day, {SchoolDates.Time(LessonPeriod.DayOpens)} to {SchoolDates.Time(LessonPeriod.DayCloses)}"));
        }

        if (date < today)
        {
            errors.Add(new FieldError("Date", $"{SchoolDates.Long(date)} is in the past: book a date from today onwards"));
        }
        else if (date == today && start < TimeOnly.FromDateTime(local))
        {
            errors.Add(new FieldError("Start", $"{SchoolDates.Time(start)} today has already passed: choose a later time or another day"));
        }
        else if (NotASchoolDay(calendar, date) is { } closed)
        {
            errors.Add(new FieldError("Date", closed));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var blocks = room.ProtectedBlocksOverlapping(date, start, end);
        var notice = NoticeSchoolDays(calendar, today, date);
        var emergency = false;
        if (blocks.Count > 0)
        {
            var required = await RoomRecords.NoticeDaysAsync(db, ct);
            var protectedText = string.Join(" and ", blocks.Select(b => $"{SchoolDates.Time(b.Start)}–{SchoolDates.Time(b.End)}"));
            if (string.IsNullOrEmpty(request.Reason))
            {
                errors.Add(new FieldError("Reason", $"{room.Name} is protected for therapy on {date.DayOfWeek}s {protectedText}: say why you need it at this time"));
            }

            if (notice < required)
            {
                emergency = true;
                if (!request.Emergency)
                {
                    errors.Add(new FieldError("Emergency",
                        $"This takes protected therapy time with {Notice(notice)}, and the school asks for {Days(required)}. Book it only if it is an emergency: tick \"This is an emergency\" and say why"));
                }
            }

            if (errors.Count > 0)
            {
                return new Error.Validation(errors);
            }
        }

        var booking = RoomBooking.Make(me.SchoolId, room.Id, date, start, end, request.Kind, request.Purpose, request.Reason,
            blocks.Count > 0, emergency, notice, me.UserId, me.DisplayName, nowUtc);
        return await SaveUnderLockAsync(room, booking, calendar, ct);
    }

    public async Task<Result<RoomBooking>> CancelAsync(RoomId roomId, RoomBookingId id, CancellationToken ct = default)
    {
        var booking = await db.RoomBookings.SingleOrDefaultAsync(b => b.Id == id && b.RoomId == roomId, ct);
        if (booking is null)
        {
            return new Error.NotFound("That booking was not found.");
        }

        if (!MayCancel(booking))
        {
            return new Error.Forbidden($"Only {booking.BookedByName}, who made this booking, or the people who keep the rooms can cancel it.");
        }

        if (booking.Date < schoolClock.Today)
        {
            return new Error.Conflict("This booking is in the past, so it cannot be cancelled.");
        }

        var outcome = booking.Cancel(clock.GetUtcNow().UtcDateTime);
        if (!outcome.IsSuccess)
        {
            return outcome.Error!;
        }

        audit.Record(RoomAuditActions.BookingCancelled, nameof(RoomBooking), booking.Id.ToString(), detail: $"{booking.Date:yyyy-MM-dd} {booking.TimesText}");
        await db.SaveChangesAsync(ct);
        return booking;
    }

    private static string Days(int n) => n == 1 ? "1 school day" : $"{n} school days";

    /// <summary>"1 school day's notice", "2 school days' notice"; "no notice" on the day itself.</summary>
    private static string Notice(int n) => n switch
    {
        0 => "no notice",
        1 => "1 school day's notice",
        _ => $"{n} school days' notice",
    };

    /// <summary>
    /// Saves the booking under the room's lock row for the date: the row is updated (or made) first,
    /// so a second booking of the same room and date waits for the first to commit, then sees it.
    /// </summary>
    private async Task<Result<RoomBooking>> SaveUnderLockAsync(Room room, RoomBooking booking, SchoolCalendar calendar, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var locked = await db.RoomDayLocks.Where(l => l.RoomId == room.Id && l.Date == booking.Date)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), ct);
                if (locked == 0)
                {
                    db.RoomDayLocks.Add(RoomDayLock.For(me.SchoolId, room.Id, booking.Date));
                    await db.SaveChangesAsync(ct);
                }

                var sameDay = await db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room.Id && b.Date == booking.Date && b.CancelledAt == null).ToListAsync(ct);
                if (sameDay.OrderBy(b => b.Start).FirstOrDefault(b => b.Overlaps(booking.Start, booking.End)) is { } clash)
                {
                    await tx.RollbackAsync(ct);
                    return new Error.Conflict(
                        $"{room.Name} is already booked from {clash.TimesText} on {SchoolDates.Long(clash.Date)} ({BookingKinds.WithArticle(clash.Kind)}, booked by {clash.BookedByName}). Nothing was booked: choose another time or room.");
                }

                db.RoomBookings.Add(booking);
                await displacer.DisplaceAsync(room, booking, calendar, ct);
                audit.Record(RoomAuditActions.Booked, nameof(RoomBooking), booking.Id.ToString(),
                    detail: $"{room.Name} {booking.Date:yyyy-MM-dd} {booking.TimesText} {booking.Kind}{(booking.IsEmergency ? " emergency" : "")}");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return booking;
            }
            catch (Exception e) when (DbConflicts.IsConflict(e) && attempt < 3)
            {
                // Another booking made the room's lock row for this date at the same moment: wait for it, then look again.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }
    }
}
