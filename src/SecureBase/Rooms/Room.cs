using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Schools;

namespace SecureBase.Rooms;

/// <summary>Whether a room is used only for therapy ("a dedicated, consistent, uninterrupted space").</summary>
public enum RoomKind
{
    DedicatedTherapy,
    MultiPurpose,
    Other,
}

/// <summary>What a room offers a session. Names match the scheduler's feature ids.</summary>
public enum RoomFeature
{
    Sink,
    SandTray,
    SensoryEquipment,
    Soundproofing,
    StepFree,
}

public static class RoomFeatures
{
    public static string Id(RoomFeature f) => f switch
    {
        RoomFeature.Sink => "sink",
        RoomFeature.SandTray => "sand-tray",
        RoomFeature.SensoryEquipment => "sensory-equipment",
        RoomFeature.Soundproofing => "soundproofing",
        RoomFeature.StepFree => "step-free",
    };

    public static string Name(RoomFeature f) => f switch
    {
        RoomFeature.Sink => "sink",
        RoomFeature.SandTray => "sand tray",
        RoomFeature.SensoryEquipment => "sensory equipment",
        RoomFeature.Soundproofing => "soundproofing",
        RoomFeature.StepFree => "step-free access",
    };
}

/// <summary>One protected therapy block of a room: on a weekday, from a time to a time (the school's local time).</summary>
public sealed record TherapyBlock(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>"Monday 09:00–12:00".</summary>
    public override string ToString() => $"{Day} {SchoolDates.Time(Start)}–{SchoolDates.Time(End)}";

    public bool Overlaps(TimeOnly start, TimeOnly end) => start < End && Start < end;
}

/// <summary>What a room administrator types for a room: shared by the form and the API once parsed.</summary>
public sealed record RoomDetails(
    SiteId SiteId,
    string Name,
    RoomKind Kind,
    IReadOnlyList<RoomFeature> Features,
    IReadOnlyList<string> Equipment,
    bool HasSecureStorage,
    int? Capacity,
    IReadOnlyList<TherapyBlock> TherapyHours);

/// <summary>A room therapy can happen in, with its features, the equipment stored there and its protected therapy hours.</summary>
public sealed class Room : ISchoolOwned
{
    public const int NameMaxLength = 100;
    public const int EquipmentItemMaxLength = 60;
    public const int MaxCapacity = 200;

    /// <summary>The items the seed's practitioners keep in a therapy room, offered as tick boxes.</summary>
    public static readonly IReadOnlyList<string> SuggestedEquipment = ["Puppets", "Worry teddies", "Therapeutic putty", "Strategy books"];

    private readonly List<TherapyBlock> _therapyHours = [];

    private Room()
    {
    }

    public RoomId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public SiteId SiteId { get; private set; }
    public string Name { get; private set; } = "";
    public RoomKind Kind { get; private set; }
    public List<RoomFeature> Features { get; private set; } = [];

    /// <summary>Equipment kept in the room: puppets, worry teddies, therapeutic putty, strategy books.</summary>
    public List<string> Equipment { get; private set; } = [];

    /// <summary>Lockable storage for sharp objects.</summary>
    public bool HasSecureStorage { get; private set; }

    /// <summary>How many people the room holds (a group session needs room for the group), when known.</summary>
    public int? Capacity { get; private set; }

    /// <summary>The blocks of the week protected for therapy. None declared: the room is usable for therapy all day, unprotected.</summary>
    public IReadOnlyList<TherapyBlock> TherapyHours => _therapyHours;

    public bool IsDedicated => Kind == RoomKind.DedicatedTherapy;

    public static Room Create(SchoolId school, SiteId site, string name, RoomKind kind, IEnumerable<RoomFeature> features, IEnumerable<string> equipment, bool secureStorage) => new()
    {
        Id = RoomId.New(),
        SchoolId = school,
        SiteId = site,
        Name = name,
        Kind = kind,
        Features = features.Distinct().Order().ToList(),
        Equipment = equipment.ToList(),
        HasSecureStorage = secureStorage,
    };

    /// <summary>A new room, checked as <see cref="Change"/> checks.</summary>
    public static Result<Room> Create(SchoolId school, RoomDetails details, IEnumerable<Room> others)
    {
        var room = new Room { Id = RoomId.New(), SchoolId = school };
        var outcome = room.Change(details, others);
        return outcome.IsSuccess ? room : outcome.Error!;
    }

    /// <summary>
    /// Changes the room. Its name must be unique in the school; therapy blocks must end after they
    /// start, fall within the school day (<see cref="LessonPeriod.DayOpens"/> to <see cref="LessonPeriod.DayCloses"/>),
    /// be on a weekday and not overlap each other.
    /// </summary>
    public Outcome Change(RoomDetails details, IEnumerable<Room> others)
    {
        var errors = new List<FieldError>();
        var name = TextRules.Tidy(details.Name) ?? "";
        if (name.Length == 0)
        {
            errors.Add(new FieldError("Name", "Enter the room's name, for example \"The Nest\" or \"Library meeting room\""));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new FieldError("Name", $"The room's name must be {NameMaxLength} characters or fewer (it has {name.Length})"));
        }
        else if (others.Any(o => o.Id != Id && string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError("Name", $"The school already has a room called {name}; give this one a different name"));
        }

        if (!Enum.IsDefined(details.Kind))
        {
            errors.Add(new FieldError("Kind", "Choose what kind of room it is"));
        }

        if (details.Capacity is { } capacity && (capacity < 1 || capacity > MaxCapacity))
        {
            errors.Add(new FieldError("Capacity", $"The capacity must be a number of people from 1 to {MaxCapacity}, or left empty"));
        }

        var equipment = details.Equipment.Select(e => TextRules.Tidy(e) ?? "").Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (equipment.FirstOrDefault(e => e.Length > EquipmentItemMaxLength || e.Contains('|', StringComparison.Ordinal)) is { } badItem)
        {
            errors.Add(new FieldError("Equipment", badItem.Contains('|', StringComparison.Ordinal)
                ? "An equipment item cannot contain the character |"
                : $"Each equipment item must be {EquipmentItemMaxLength} characters or fewer (\"{badItem[..20]}…\" is longer)"));
        }

        if (string.Join('|', equipment).Length > 1000)
        {
            errors.Add(new FieldError("Equipment", "The equipment list is too long: keep it to the main items"));
        }

        errors.AddRange(CheckHours(details.TherapyHours));
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        SiteId = details.SiteId;
        Name = name;
        Kind = details.Kind;
        Features = details.Features.Where(Enum.IsDefined).Distinct().Order().ToList();
        Equipment = equipment;
        HasSecureStorage = details.HasSecureStorage;
        Capacity = details.Capacity;
        _therapyHours.Clear();
        _therapyHours.AddRange(details.TherapyHours.OrderBy(b => b.Day).ThenBy(b => b.Start));
        return Outcome.Ok;
    }

    /// <summary>The therapy blocks on a weekday, in order.</summary>
    public IEnumerable<TherapyBlock> HoursOn(DayOfWeek day) => _therapyHours.Where(b => b.Day == day).OrderBy(b => b.Start);

    /// <summary>The protected blocks a time on a date overlaps (none when the room has no therapy hours).</summary>
    public IReadOnlyList<TherapyBlock> ProtectedBlocksOverlapping(DateOnly date, TimeOnly start, TimeOnly end) =>
        HoursOn(date.DayOfWeek).Where(b => b.Overlaps(start, end)).ToList();

    private static List<FieldError> CheckHours(IReadOnlyList<TherapyBlock> blocks)
    {
        var errors = new List<FieldError>();
        foreach (var b in blocks)
        {
            if (!Enum.IsDefined(b.Day) || !SchoolDates.IsWeekday(b.Day))
            {
                errors.Add(new FieldError("TherapyHours", "Therapy hours are on weekdays, Monday to Friday"));
            }
            else if (b.End <= b.Start)
            {
                errors.Add(new FieldError("TherapyHours", $"The {b.Day} block from {SchoolDates.Time(b.Start)} must end after it starts"));
            }
            else if (b.Start < LessonPeriod.DayOpens || b.End > LessonPeriod.DayCloses)
            {
                errors.Add(new FieldError("TherapyHours",
                    $"The {b.Day} block {SchoolDates.Time(b.Start)}–{SchoolDates.Time(b.End)} must be within the school day, {SchoolDates.Time(LessonPeriod.DayOpens)} to {SchoolDates.Time(LessonPeriod.DayCloses)}"));
            }
        }

        if (errors.Count == 0)
        {
            foreach (var day in blocks.GroupBy(b => b.Day))
            {
                var ordered = day.OrderBy(b => b.Start).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].Start < ordered[i - 1].End)
                    {
                        errors.Add(new FieldError("TherapyHours",
                            $"On {day.Key}, {SchoolDates.Time(ordered[i - 1].Start)}–{SchoolDates.Time(ordered[i - 1].End)} and {SchoolDates.Time(ordered[i].Start)}–{SchoolDates.Time(ordered[i].End)} overlap; blocks on the same day cannot overlap"));
                    }
                }
            }
        }

        return errors;
    }
}
