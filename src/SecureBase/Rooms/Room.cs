using SecureBase.Common;
using SecureBase.Data;

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

/// <summary>A room therapy can happen in, with its features and the equipment stored there.</summary>
public sealed class Room : ISchoolOwned
{
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
}
