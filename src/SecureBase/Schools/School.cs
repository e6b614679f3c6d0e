using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Schools;

/// <summary>
/// A school: the tenant that every record belongs to. One installation can hold many
/// schools, grouped under a local authority or trust.
/// </summary>
public sealed class School
{
    public const string DefaultTimeZone = "Europe/London";

    private School()
    {
    }

    public SchoolId Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The DfE unique reference number (six digits), where known.</summary>
    public string? Urn { get; private set; }

    public AuthorityId? AuthorityId { get; private set; }

    /// <summary>IANA time zone id; dates and times in the school are local to it.</summary>
    public string TimeZoneId { get; private set; } = DefaultTimeZone;

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// Changes (to a new random value) whenever the school's calendar is saved: the key under which every instance
    /// may keep the calendar it read, read with the signed-in user's school at no cost (see SchoolCalendar).
    /// </summary>
    public long CalendarStamp { get; private set; }

    /// <summary>
    /// Changes (to a new random value) whenever one of the school's therapy sessions or its attendance is saved: the key
    /// under which every instance may keep the sessions delivered it added up (see Sessions.DeliveredSessions), read with
    /// the signed-in user's school at no cost, as the calendar's is.
    /// </summary>
    public long SessionsStamp { get; private set; }

    internal static long NewStamp() => Random.Shared.NextInt64();

    public static School Create(string name, string? urn, AuthorityId? authorityId, string timeZoneId, DateTime now) => new()
    {
        Id = SchoolId.New(),
        Name = name,
        Urn = urn,
        AuthorityId = authorityId,
        TimeZoneId = timeZoneId,
        CreatedAt = now,
        CalendarStamp = NewStamp(),
        SessionsStamp = NewStamp(),
    };

    public void Rename(string name) => Name = name;
}

/// <summary>A local authority or multi-academy trust overseeing several schools.</summary>
public sealed class Authority
{
    private Authority()
    {
    }

    public AuthorityId Id { get; private set; }
    public string Name { get; private set; } = "";
    public AuthorityKind Kind { get; private set; }

    public static Authority Create(string name, AuthorityKind kind) => new() { Id = AuthorityId.New(), Name = name, Kind = kind };
}

public enum AuthorityKind
{
    LocalAuthority,
    Trust,
}

/// <summary>A building or campus of a school. Rooms are at a site; a practitioner works at one site a day.</summary>
public sealed class Site : ISchoolOwned
{
    private Site()
    {
    }

    public SiteId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Name { get; private set; } = "";

    public static Site Create(SchoolId school, string name) => new() { Id = SiteId.New(), SchoolId = school, Name = name };
}

/// <summary>A local authority or trust: which schools it oversees is decided by this id.</summary>
[TypeConverter(typeof(EntityIdTypeConverter<AuthorityId>))]
public readonly record struct AuthorityId(Guid Value) : IEntityId<AuthorityId>, IParsable<AuthorityId>
{
    public static AuthorityId New() => new(Guid.CreateVersion7());
    public static AuthorityId From(Guid value) => new(value);
    public static AuthorityId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AuthorityId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}
