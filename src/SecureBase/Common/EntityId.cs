using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureBase.Common;

/// <summary>
/// A strongly typed identifier: a pupil's id cannot be passed where a staff member's is expected.
/// Each id is a <see cref="Guid"/> underneath and is stored, bound and serialised as one.
/// </summary>
public interface IEntityId<TSelf> where TSelf : struct, IEntityId<TSelf>
{
    Guid Value { get; }
    static abstract TSelf From(Guid value);
}

public static class EntityId
{
    /// <summary>Parses a route or form value; anything that is not a well-formed id is simply "not found".</summary>
    public static bool TryParse<T>(string? text, out T id) where T : struct, IEntityId<T>
    {
        if (Guid.TryParse(text, CultureInfo.InvariantCulture, out var g) && g != Guid.Empty)
        {
            id = T.From(g);
            return true;
        }

        id = default;
        return false;
    }
}

/// <summary>Lets model binding turn a route or form value into a typed id.</summary>
public sealed class EntityIdTypeConverter<T> : TypeConverter where T : struct, IEntityId<T>
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string s
            ? EntityId.TryParse<T>(s, out var id) ? id : throw new FormatException("Not a valid identifier.")
            : base.ConvertFrom(context, culture, value);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is T id ? id.Value.ToString() : base.ConvertTo(context, culture, value, destinationType);
}

/// <summary>Writes typed ids in JSON as plain strings.</summary>
public sealed class EntityIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType && typeToConvert.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityId<>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, IEntityId<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && EntityId.TryParse<T>(reader.GetString(), out var id)
                ? id
                : throw new JsonException("Not a valid identifier.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
