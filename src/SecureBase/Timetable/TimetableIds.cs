using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;

namespace SecureBase.Timetable;

// The timetable's ids, following Common/Ids.cs: an occurrence's id passed where a weekly session's is
// expected would move every week instead of one.

[TypeConverter(typeof(EntityIdTypeConverter<WeeklySessionId>))]
public readonly record struct WeeklySessionId(Guid Value) : IEntityId<WeeklySessionId>, IParsable<WeeklySessionId>
{
    public static WeeklySessionId New() => new(Guid.CreateVersion7());
    public static WeeklySessionId From(Guid value) => new(value);
    public static WeeklySessionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out WeeklySessionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<TimetableVersionId>))]
public readonly record struct TimetableVersionId(Guid Value) : IEntityId<TimetableVersionId>, IParsable<TimetableVersionId>
{
    public static TimetableVersionId New() => new(Guid.CreateVersion7());
    public static TimetableVersionId From(Guid value) => new(value);
    public static TimetableVersionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TimetableVersionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<PlacementId>))]
public readonly record struct PlacementId(Guid Value) : IEntityId<PlacementId>, IParsable<PlacementId>
{
    public static PlacementId New() => new(Guid.CreateVersion7());
    public static PlacementId From(Guid value) => new(value);
    public static PlacementId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PlacementId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<OccurrenceId>))]
public readonly record struct OccurrenceId(Guid Value) : IEntityId<OccurrenceId>, IParsable<OccurrenceId>
{
    public static OccurrenceId New() => new(Guid.CreateVersion7());
    public static OccurrenceId From(Guid value) => new(value);
    public static OccurrenceId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OccurrenceId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<DisplacementId>))]
public readonly record struct DisplacementId(Guid Value) : IEntityId<DisplacementId>, IParsable<DisplacementId>
{
    public static DisplacementId New() => new(Guid.CreateVersion7());
    public static DisplacementId From(Guid value) => new(value);
    public static DisplacementId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DisplacementId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
