using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Feeds;

/// <summary>Whose appointments a feed carries: a practitioner's own sessions, or a parent's children's.</summary>
public enum FeedKind
{
    StaffSessions,
    ChildAppointments,
}

[TypeConverter(typeof(EntityIdTypeConverter<CalendarFeedId>))]
public readonly record struct CalendarFeedId(Guid Value) : IEntityId<CalendarFeedId>, IParsable<CalendarFeedId>
{
    public static CalendarFeedId New() => new(Guid.CreateVersion7());
    public static CalendarFeedId From(Guid value) => new(value);
    public static CalendarFeedId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CalendarFeedId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// A person's secret calendar feed address. The secret in the address is the only credential (a
/// calendar app cannot sign in), so only its SHA-256 hash is stored: a copy of the database does not
/// give anyone a working address. Revoking ends it at once; renewing revokes it and makes a new one.
/// </summary>
public sealed class CalendarFeed : ISchoolOwned
{
    /// <summary>Random bytes in a secret: 256 bits, far beyond guessing.</summary>
    public const int SecretBytes = 32;

    private CalendarFeed()
    {
    }

    public CalendarFeedId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Guid UserId { get; private set; }
    public FeedKind Kind { get; private set; }

    /// <summary>Hex SHA-256 of the secret in the address.</summary>
    public string SecretHash { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new feed and the secret for its address, which is shown once and never stored.</summary>
    public static (CalendarFeed Feed, string Secret) Create(SchoolId school, Guid user, FeedKind kind, DateTime nowUtc)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (new CalendarFeed
        {
            Id = CalendarFeedId.New(),
            SchoolId = school,
            UserId = user,
            Kind = kind,
            SecretHash = Hash(secret),
            CreatedAt = nowUtc,
        }, secret);
    }

    public Outcome Revoke(DateTime nowUtc)
    {
        if (RevokedAt is not null)
        {
            return new Error.Conflict("This calendar address was already turned off.");
        }

        RevokedAt = nowUtc;
        return Outcome.Ok;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("calendar_feeds");
        b.HasKey(f => f.Id);
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.SecretHash).HasMaxLength(64);
        b.HasIndex(f => f.SecretHash).IsUnique();
        b.HasIndex(f => new { f.SchoolId, f.UserId });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(f => f.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(f => f.IsActive);
    }
}
