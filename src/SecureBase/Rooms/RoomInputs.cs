using System.ComponentModel.DataAnnotations;
using SecureBase.Common;
using SecureBase.Schools;

namespace SecureBase.Rooms;

/// <summary>One therapy block as typed: a weekday and two times. An empty row on the form is ignored.</summary>
public sealed class TherapyBlockInput
{
    [SchoolText(20)]
    public string? Day { get; set; }

    [SchoolText(20)]
    public string? Start { get; set; }

    [SchoolText(20)]
    public string? End { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);
}

/// <summary>A room as typed on the form or sent to the API (JSON: siteId, name, kind, features, equipment, otherEquipment, hasSecureStorage, capacity, therapyHours).</summary>
public sealed class RoomInput
{
    [Display(Name = "The site")] [Needed] [SchoolText(40)]
    public string? SiteId { get; set; }

    [Display(Name = "The room's name")] [Needed] [SchoolText(Room.NameMaxLength)]
    public string? Name { get; set; }

    /// <summary>DedicatedTherapy, MultiPurpose or Other.</summary>
    [Display(Name = "The kind of room")] [Needed] [SchoolText(20)]
    public string? Kind { get; set; }

    /// <summary>Sink, SandTray, SensoryEquipment, Soundproofing, StepFree.</summary>
    public List<string> Features { get; set; } = [];

    /// <summary>Equipment kept in the room (the suggested items, or any item).</summary>
    public List<string> Equipment { get; set; } = [];

    /// <summary>Other equipment, one item a line or separated by commas.</summary>
    [Display(Name = "Other equipment")] [SchoolText(1000, MultiLine = true)]
    public string? OtherEquipment { get; set; }

    public bool HasSecureStorage { get; set; }

    /// <summary>How many people the room holds (1 to 200), or empty when not known.</summary>
    [Display(Name = "The capacity")]
    public int? Capacity { get; set; }

    public List<TherapyBlockInput> TherapyHours { get; set; } = [];

    public static RoomInput From(Room room) => new()
    {
        SiteId = room.SiteId.ToString(),
        Name = room.Name,
        Kind = room.Kind.ToString(),
        Features = room.Features.Select(f => f.ToString()).ToList(),
        Equipment = room.Equipment.Where(e => Room.SuggestedEquipment.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList(),
        OtherEquipment = string.Join(Environment.NewLine, room.Equipment.Where(e => !Room.SuggestedEquipment.Contains(e, StringComparer.OrdinalIgnoreCase))),
        HasSecureStorage = room.HasSecureStorage,
        Capacity = room.Capacity,
        TherapyHours = room.TherapyHours.Select(b => new TherapyBlockInput { Day = b.Day.ToString(), Start = SchoolDates.Time(b.Start), End = SchoolDates.Time(b.End) }).ToList(),
    };

    /// <summary>The typed room, or a message for each field that cannot be read (the field rules have run already).</summary>
    public Result<RoomDetails> ToDetails()
    {
        var errors = new List<FieldError>();
        if (!Common.SiteId.TryParse(SiteId, null, out var site))
        {
            errors.Add(new FieldError(nameof(SiteId), "Choose the site the room is at"));
        }

        if (!Enum.TryParse<RoomKind>(Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            errors.Add(new FieldError(nameof(Kind), "Choose what kind of room it is: a dedicated therapy room, a multi-purpose room or other"));
        }

        var features = new List<RoomFeature>();
        foreach (var f in Features.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            if (Enum.TryParse<RoomFeature>(f.Trim(), ignoreCase: true, out var feature) && Enum.IsDefined(feature) && !int.TryParse(f, out _))
            {
                features.Add(feature);
            }
            else
            {
                errors.Add(new FieldError(nameof(Features), "Choose the room's features from the list"));
                break;
            }
        }

        var equipment = Equipment.Concat((OtherEquipment ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var blocks = new List<TherapyBlock>();
        foreach (var row in TherapyHours.Where(r => !r.IsEmpty))
        {
            if (!Enum.TryParse<DayOfWeek>(row.Day?.Trim(), ignoreCase: true, out var day) || int.TryParse(row.Day, out _) || !SchoolDates.IsWeekday(day))
            {
                errors.Add(new FieldError(nameof(TherapyHours), "Each therapy block needs a weekday, Monday to Friday"));
                continue;
            }

            var startOk = SchoolDates.TryParseTime(row.Start, out var start);
            var endOk = SchoolDates.TryParseTime(row.End, out var end);
            if (!startOk || !endOk)
            {
                errors.Add(new FieldError(nameof(TherapyHours), $"The {day} block needs a start and an end time, for example 09:00 and 12:00"));
                continue;
            }

            blocks.Add(new TherapyBlock(day, start, end));
        }

        return errors.Count > 0
            ? new Error.Validation(errors)
            : new RoomDetails(site, Name ?? "", kind, features, equipment, HasSecureStorage, Capacity, blocks);
    }
}

/// <summary>A booking as typed on the form or sent to the API (JSON: date, start, end, kind, purpose, reason, emergency).</summary>
public sealed class BookingInput
{
    [Display(Name = "The date")] [Needed] [SchoolText(40)]
    public string? Date { get; set; }

    [Display(Name = "The start time")] [Needed] [SchoolText(20)]
    public string? Start { get; set; }

    [Display(Name = "The end time")] [Needed] [SchoolText(20)]
    public string? End { get; set; }

    /// <summary>Meeting, Exam, Interview, Maintenance or Other.</summary>
    [Display(Name = "What the room is for")] [Needed] [SchoolText(20)]
    public string? Kind { get; set; }

    [Display(Name = "The purpose")] [Needed] [SchoolText(RoomBooking.PurposeMaxLength)]
    public string? Purpose { get; set; }

    /// <summary>Needed when the booking takes protected therapy time.</summary>
    [Display(Name = "The reason")] [SchoolText(RoomBooking.ReasonMaxLength, MultiLine = true)]
    public string? Reason { get; set; }

    /// <summary>The booker confirms it is an emergency: needed when it takes therapy time with less notice than the school asks.</summary>
    public bool Emergency { get; set; }

    public Result<BookingRequest> ToRequest()
    {
        var errors = new List<FieldError>();
        var date = AcademicYearInput.Date(Date, nameof(Date), "The date", errors);
        var startOk = SchoolDates.TryParseTime(Start, out var start);
        if (!startOk)
        {
            errors.Add(new FieldError(nameof(Start), "The start time must be a time of day, for example 09:00 or 13:45"));
        }

        var endOk = SchoolDates.TryParseTime(End, out var end);
        if (!endOk)
        {
            errors.Add(new FieldError(nameof(End), "The end time must be a time of day, for example 09:00 or 13:45"));
        }

        if (!Enum.TryParse<BookingKind>(Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            errors.Add(new FieldError(nameof(Kind), "Choose what the room is for: a meeting, an exam, an interview, maintenance or another use"));
        }

        return errors.Count > 0
            ? new Error.Validation(errors)
            : new BookingRequest(date!.Value, start, end, kind, TextRules.Tidy(Purpose) ?? "", TextRules.Tidy(Reason), Emergency);
    }
}

/// <summary>A booking, read: the date and times are the school's local ones.</summary>
public sealed record BookingRequest(DateOnly Date, TimeOnly Start, TimeOnly End, BookingKind Kind, string Purpose, string? Reason, bool Emergency);
