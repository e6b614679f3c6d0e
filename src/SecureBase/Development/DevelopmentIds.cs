using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;

namespace SecureBase.Development;

/// <summary>A supervision session: one supervisor with one or more supervisees.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<SupervisionId>))]
internal readonly record struct SupervisionId(Guid Value) : IEntityId<SupervisionId>, IParsable<SupervisionId>
{
    public static SupervisionId New() => new(Guid.CreateVersion7());
    public static SupervisionId From(Guid value) => new(value);
    public static SupervisionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SupervisionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A practitioner's own required supervision frequency, where the Head of Therapy changed the default.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<SupervisionRequirementId>))]
internal readonly record struct SupervisionRequirementId(Guid Value) : IEntityId<SupervisionRequirementId>, IParsable<SupervisionRequirementId>
{
    public static SupervisionRequirementId New() => new(Guid.CreateVersion7());
    public static SupervisionRequirementId From(Guid value) => new(value);
    public static SupervisionRequirementId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SupervisionRequirementId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A member of staff asking the Head of Therapy for individual supervision.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<SupervisionRequestId>))]
internal readonly record struct SupervisionRequestId(Guid Value) : IEntityId<SupervisionRequestId>, IParsable<SupervisionRequestId>
{
    public static SupervisionRequestId New() => new(Guid.CreateVersion7());
    public static SupervisionRequestId From(Guid value) => new(value);
    public static SupervisionRequestId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SupervisionRequestId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>One CPD record of a member of staff.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<CpdRecordId>))]
internal readonly record struct CpdRecordId(Guid Value) : IEntityId<CpdRecordId>, IParsable<CpdRecordId>
{
    public static CpdRecordId New() => new(Guid.CreateVersion7());
    public static CpdRecordId From(Guid value) => new(value);
    public static CpdRecordId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CpdRecordId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Training the therapy team delivered to school staff.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<StaffTrainingId>))]
internal readonly record struct StaffTrainingId(Guid Value) : IEntityId<StaffTrainingId>, IParsable<StaffTrainingId>
{
    public static StaffTrainingId New() => new(Guid.CreateVersion7());
    public static StaffTrainingId From(Guid value) => new(value);
    public static StaffTrainingId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out StaffTrainingId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
