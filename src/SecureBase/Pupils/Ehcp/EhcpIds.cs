using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;

namespace SecureBase.Pupils;

// A plan's id and a provision line's id travel in the same addresses
// (/pupils/{pupilId}/ehcp/provision/{provisionId}); typed, they cannot be swapped.

[TypeConverter(typeof(EntityIdTypeConverter<EhcpPlanId>))]
public readonly record struct EhcpPlanId(Guid Value) : IEntityId<EhcpPlanId>, IParsable<EhcpPlanId>
{
    public static EhcpPlanId New() => new(Guid.CreateVersion7());
    public static EhcpPlanId From(Guid value) => new(value);
    public static EhcpPlanId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EhcpPlanId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

[TypeConverter(typeof(EntityIdTypeConverter<ProvisionItemId>))]
public readonly record struct ProvisionItemId(Guid Value) : IEntityId<ProvisionItemId>, IParsable<ProvisionItemId>
{
    public static ProvisionItemId New() => new(Guid.CreateVersion7());
    public static ProvisionItemId From(Guid value) => new(value);
    public static ProvisionItemId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ProvisionItemId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
