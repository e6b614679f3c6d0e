using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SecureBase.Common;

// Ids where mixing two would be a real bug. Each is a Guid (version 7, so ids sort by creation).

[TypeConverter(typeof(EntityIdTypeConverter<SchoolId>))]
public readonly record struct SchoolId(Guid Value) : IEntityId<SchoolId>, IParsable<SchoolId>
{
    public static SchoolId None => default;
    public static SchoolId New() => new(Guid.CreateVersion7());
    public static SchoolId From(Guid value) => new(value);
    public static SchoolId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SchoolId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<PupilId>))]
public readonly record struct PupilId(Guid Value) : IEntityId<PupilId>, IParsable<PupilId>
{
    public static PupilId New() => new(Guid.CreateVersion7());
    public static PupilId From(Guid value) => new(value);
    public static PupilId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PupilId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<StaffId>))]
public readonly record struct StaffId(Guid Value) : IEntityId<StaffId>, IParsable<StaffId>
{
    public static StaffId New() => new(Guid.CreateVersion7());
    public static StaffId From(Guid value) => new(value);
    public static StaffId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out StaffId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<CarerId>))]
public readonly record struct CarerId(Guid Value) : IEntityId<CarerId>, IParsable<CarerId>
{
    public static CarerId New() => new(Guid.CreateVersion7());
    public static CarerId From(Guid value) => new(value);
    public static CarerId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CarerId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<RoomId>))]
public readonly record struct RoomId(Guid Value) : IEntityId<RoomId>, IParsable<RoomId>
{
    public static RoomId New() => new(Guid.CreateVersion7());
    public static RoomId From(Guid value) => new(value);
    public static RoomId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RoomId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<SiteId>))]
public readonly record struct SiteId(Guid Value) : IEntityId<SiteId>, IParsable<SiteId>
{
    public static SiteId New() => new(Guid.CreateVersion7());
    public static SiteId From(Guid value) => new(value);
    public static SiteId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SiteId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>An episode of therapy: the aggregate that sessions, goals, reviews and outcomes hang from.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<EpisodeId>))]
public readonly record struct EpisodeId(Guid Value) : IEntityId<EpisodeId>, IParsable<EpisodeId>
{
    public static EpisodeId New() => new(Guid.CreateVersion7());
    public static EpisodeId From(Guid value) => new(value);
    public static EpisodeId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EpisodeId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>One therapy session as recorded: who came, how they engaged, how long it lasted.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<TherapySessionId>))]
public readonly record struct TherapySessionId(Guid Value) : IEntityId<TherapySessionId>, IParsable<TherapySessionId>
{
    public static TherapySessionId New() => new(Guid.CreateVersion7());
    public static TherapySessionId From(Guid value) => new(value);
    public static TherapySessionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TherapySessionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
