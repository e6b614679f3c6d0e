using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Rooms;

[TypeConverter(typeof(EntityIdTypeConverter<RoomBookingId>))]
public readonly record struct RoomBookingId(Guid Value) : IEntityId<RoomBookingId>, IParsable<RoomBookingId>
{
    public static RoomBookingId New() => new(Guid.CreateVersion7());
    public static RoomBookingId From(Guid value) => new(value);
    public static RoomBookingId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RoomBookingId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>What a room is booked for, when it is not therapy.</summary>
public enum BookingKind
{
    Meeting,
    Exam,
    Interview,
    /// <summary>The room is out of use: repairs, cleaning, decorating.</summary>
    Maintenance,
    Other,
}

internal static class BookingKinds
{
    public static string Name(BookingKind k) => k switch
    {
        BookingKind.Meeting => "Meeting",
        BookingKind.Exam => "Exam",
        BookingKind.Interview => "Interview",
        BookingKind.Maintenance => "Maintenance",
        BookingKind.Other => "Other use",
    };

    /// <summary>"a meeting", "an exam": for sentences such as "The Nest is booked for a meeting".</summary>
    public static string WithArticle(BookingKind k) => k switch
    {
        BookingKind.Meeting => "a meeting",
        BookingKind.Exam => "an exam",
        BookingKind.Interview => "an interview",
        BookingKind.Maintenance => "maintenance",
        BookingKind.Other => "another use",
    };
}

/// <summary>
/// A room taken for something other than therapy on a date, from a time to a time. Booking over
/// the room's protected therapy hours needs the school's notice (counted in school days) and a
/// reason; with less notice it is an emergency, marked as such. Two bookings of one room never
/// overlap: <see cref="RoomBookings"/> checks under a per-room, per-date lock row.
/// </summary>
public sealed class RoomBooking : RaisesEvents, ISchoolOwned
{
    public const int PurposeMaxLength = 200;
    public const int ReasonMaxLength = 500;

    private RoomBooking()
    {
    }

    public RoomBookingId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public RoomId RoomId { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public BookingKind Kind { get; private set; }

    /// <summary>What it is for, in the booker's words ("Year 11 parents' evening").</summary>
    public string Purpose { get; private set; } = "";

    /// <summary>Why it has to be this room at this time: asked when the booking takes protected therapy time.</summary>
    public string? Reason { get; private set; }

    /// <summary>The booking takes protected therapy time.</summary>
    public bool OverTherapyHours { get; private set; }

    /// <summary>It takes protected therapy time with less notice than the school asks for.</summary>
    public bool IsEmergency { get; private set; }

    /// <summary>School days between the day it was made and the day booked (0 for the same day).</summary>
    public int NoticeSchoolDays { get; private set; }

    public Guid BookedBy { get; private set; }
    public string BookedByName { get; private set; } = "";
    public DateTime BookedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    public string TimesText => $"{SchoolDates.Time(Start)}–{SchoolDates.Time(End)}";

    internal static RoomBooking Make(SchoolId school, RoomId room, DateOnly date, TimeOnly start, TimeOnly end, BookingKind kind, string purpose, string? reason,
        bool overTherapy, bool emergency, int noticeDays, Guid bookedBy, string bookedByName, DateTime now) => new()
    {
        Id = RoomBookingId.New(),
        SchoolId = school,
        RoomId = room,
        Date = date,
        Start = start,
        End = end,
        Kind = kind,
        Purpose = purpose,
        Reason = reason,
        OverTherapyHours = overTherapy,
        IsEmergency = emergency,
        NoticeSchoolDays = noticeDays,
        BookedBy = bookedBy,
        BookedByName = bookedByName,
        BookedAt = now,
    };

    public bool Overlaps(TimeOnly start, TimeOnly end) => start < End && Start < end;

    public Outcome Cancel(DateTime now)
    {
        if (IsCancelled)
        {
            return new Error.Conflict("This booking has already been cancelled.");
        }

        CancelledAt = now;
        Raise(new RoomBookingCancelled(Id, RoomId, Date));
        return Outcome.Ok;
    }
}

/// <summary>
/// One row per room per date that has bookings: every booking of that room and date first updates
/// this row, so two bookings of the same room and date are made one after the other, never both at
/// once (a row lock on PostgreSQL, the write lock on SQLite; the primary key settles the very first).
/// </summary>
public sealed class RoomDayLock : ISchoolOwned
{
    private RoomDayLock()
    {
    }

    public SchoolId SchoolId { get; private set; }
    public RoomId RoomId { get; private set; }
    public DateOnly Date { get; private set; }
    public int Version { get; private set; }

    internal static RoomDayLock For(SchoolId school, RoomId room, DateOnly date) => new() { SchoolId = school, RoomId = room, Date = date, Version = 1 };
}

/// <summary>
/// The school's rules for its rooms, one row per school (none means the defaults): the notice, in
/// school days, a colleague gives before booking a room over its protected therapy hours.
/// </summary>
public sealed class RoomSettings : ISchoolOwned
{
    public const int DefaultNoticeDays = 2;

    private RoomSettings()
    {
    }

    public SchoolId SchoolId { get; private set; }
    public int BookingNoticeDays { get; private set; } = DefaultNoticeDays;

    internal static RoomSettings For(SchoolId school) => new() { SchoolId = school };

    /// <summary>Sets the notice: 0 (none) to 20 school days.</summary>
    public Outcome SetNotice(int schoolDays)
    {
        if (schoolDays is < 0 or > 20)
        {
            return new Error.Validation("NoticeDays", "The notice must be a number of school days from 0 to 20");
        }

        BookingNoticeDays = schoolDays;
        return Outcome.Ok;
    }
}
