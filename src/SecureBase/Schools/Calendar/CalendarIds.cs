using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;

namespace SecureBase.Schools;

// The calendar's ids, following Common/Ids.cs: a closure's id passed where a lesson period's is
// expected would remove the wrong thing.

[TypeConverter(typeof(EntityIdTypeConverter<AcademicYearId>))]
public readonly record struct AcademicYearId(Guid Value) : IEntityId<AcademicYearId>, IParsable<AcademicYearId>
{
    public static AcademicYearId New() => new(Guid.CreateVersion7());
    public static AcademicYearId From(Guid value) => new(value);
    public static AcademicYearId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AcademicYearId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<ClosureDayId>))]
public readonly record struct ClosureDayId(Guid Value) : IEntityId<ClosureDayId>, IParsable<ClosureDayId>
{
    public static ClosureDayId New() => new(Guid.CreateVersion7());
    public static ClosureDayId From(Guid value) => new(value);
    public static ClosureDayId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ClosureDayId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<LessonPeriodId>))]
public readonly record struct LessonPeriodId(Guid Value) : IEntityId<LessonPeriodId>, IParsable<LessonPeriodId>
{
    public static LessonPeriodId New() => new(Guid.CreateVersion7());
    public static LessonPeriodId From(Guid value) => new(value);
    public static LessonPeriodId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LessonPeriodId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<HalfTermId>))]
public readonly record struct HalfTermId(Guid Value) : IEntityId<HalfTermId>, IParsable<HalfTermId>
{
    public static HalfTermId New() => new(Guid.CreateVersion7());
    public static HalfTermId From(Guid value) => new(value);
    public static HalfTermId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out HalfTermId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
