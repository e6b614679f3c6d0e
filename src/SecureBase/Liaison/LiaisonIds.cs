using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;

namespace SecureBase.Liaison;

/// <summary>One contact with an agency or a family about a pupil, in the pupil's contact log.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<LiaisonContactId>))]
internal readonly record struct LiaisonContactId(Guid Value) : IEntityId<LiaisonContactId>, IParsable<LiaisonContactId>
{
    public static LiaisonContactId New() => new(Guid.CreateVersion7());
    public static LiaisonContactId From(Guid value) => new(value);
    public static LiaisonContactId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LiaisonContactId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A meeting with a pupil's family.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<FamilyMeetingId>))]
internal readonly record struct FamilyMeetingId(Guid Value) : IEntityId<FamilyMeetingId>, IParsable<FamilyMeetingId>
{
    public static FamilyMeetingId New() => new(Guid.CreateVersion7());
    public static FamilyMeetingId From(Guid value) => new(value);
    public static FamilyMeetingId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FamilyMeetingId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>One version of the summary of a family meeting written for the family.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<FamilySummaryId>))]
internal readonly record struct FamilySummaryId(Guid Value) : IEntityId<FamilySummaryId>, IParsable<FamilySummaryId>
{
    public static FamilySummaryId New() => new(Guid.CreateVersion7());
    public static FamilySummaryId From(Guid value) => new(value);
    public static FamilySummaryId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FamilySummaryId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A message between a parent or carer and the therapy team about their child.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<FamilyMessageId>))]
internal readonly record struct FamilyMessageId(Guid Value) : IEntityId<FamilyMessageId>, IParsable<FamilyMessageId>
{
    public static FamilyMessageId New() => new(Guid.CreateVersion7());
    public static FamilyMessageId From(Guid value) => new(value);
    public static FamilyMessageId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FamilyMessageId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
