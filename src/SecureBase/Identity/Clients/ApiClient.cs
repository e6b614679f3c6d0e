using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.Clients;

[TypeConverter(typeof(EntityIdTypeConverter<ApiClientId>))]
internal readonly record struct ApiClientId(Guid Value) : IEntityId<ApiClientId>, IParsable<ApiClientId>
{
    public static ApiClientId New() => new(Guid.CreateVersion7());
    public static ApiClientId From(Guid value) => new(value);
    public static ApiClientId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ApiClientId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>What a new or changed client's form sends.</summary>
internal sealed record ApiClientInput(string? Name, IReadOnlyCollection<SchoolAction> Actions, DateOnly? ExpiresOn);

/// <summary>
/// A school's information system, local-authority system or script that calls the API without a browser (issue 15). It
/// signs in with its id and a secret (OAuth 2.0 client credentials) and may do only the actions it was granted, each of
/// which must be one the policy table allows a system caller (<see cref="PolicyTable.SystemCallerActions"/>), for its
/// own school. The secret is shown once and stored as a SHA-256 hash: it is 256 random bits, so a slow hash adds nothing.
/// </summary>
internal sealed class ApiClient : ISchoolOwned
{
    public const int NameMaxLength = 100;

    /// <summary>Longest an administrator may let a secret live before registering or rotating again.</summary>
    public const int MaxYears = 2;

    private ApiClient()
    {
    }

    public ApiClientId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The granted actions, by name, comma-separated (stored as text so a renamed action is simply not granted).</summary>
    public string Actions { get; private set; } = "";

    public byte[] SecretHash { get; private set; } = [];

    /// <summary>When the current secret was made: tokens issued before it (with a rotated-out secret) are refused.</summary>
    public DateTime SecretSetAt { get; private set; }

    /// <summary>The last day the client may be used (in the school's time, checked as the end of that day in UTC).</summary>
    public DateOnly ExpiresOn { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public IReadOnlySet<SchoolAction> Granted => Parse(Actions);

    public bool IsRevoked => RevokedAt is not null;

    public bool HasExpired(DateTime now) => DateOnly.FromDateTime(now) > ExpiresOn;

    /// <summary>Why this client cannot be used now, or null if it can.</summary>
    public string? Unusable(DateTime now) =>
        IsRevoked ? "revoked" : HasExpired(now) ? "expired" : null;

    /// <summary>Registers a client and returns it with its secret, which is shown once and never again.</summary>
    public static Result<(ApiClient Client, string Secret)> Register(SchoolId school, Guid by, ApiClientInput input, DateOnly today, DateTime now)
    {
        var errors = Check(input, today);
        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        var client = new ApiClient
        {
            Id = ApiClientId.New(),
            SchoolId = school,
            Name = TextRules.Tidy(input.Name)!,
            Actions = string.Join(",", input.Actions.Distinct().Order()),
            ExpiresOn = input.ExpiresOn!.Value,
            CreatedAt = now,
            CreatedBy = by,
        };
        var secret = client.NewSecret(now);
        return (client, secret);
    }

    /// <summary>A new secret: the old one stops working at once, and so do tokens issued with it.</summary>
    public Result<string> Rotate(DateTime now)
    {
        if (IsRevoked)
        {
            return new Error.Conflict("This client was revoked; register a new one instead.");
        }

        return NewSecret(now);
    }

    public Outcome Revoke(DateTime now)
    {
        if (IsRevoked)
        {
            return new Error.Conflict("This client was already revoked.");
        }

        RevokedAt = now;
        return Outcome.Ok;
    }

    /// <summary>Compares a presented secret with the stored hash in constant time.</summary>
    public bool SecretMatches(string? secret) =>
        !string.IsNullOrEmpty(secret) && CryptographicOperations.FixedTimeEquals(Hash(secret), SecretHash);

    private string NewSecret(DateTime now)
    {
        var secret = "sbs_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        SecretHash = Hash(secret);
        // Whole seconds: a token's issue time is kept in seconds, and one issued in the same second as a rotation must count as after it.
        SecretSetAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return secret;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static IReadOnlySet<SchoolAction> Parse(string actions) =>
        actions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => Enum.TryParse<SchoolAction>(a, out var action) ? action : (SchoolAction?)null)
            .OfType<SchoolAction>()
            .ToHashSet();

    private static List<FieldError> Check(ApiClientInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        var name = TextRules.Tidy(input.Name);
        if (name is null)
        {
            errors.Add(new("Name", "Enter a name for the client, for example the information system it is"));
        }
        else if (name.Length > NameMaxLength || TextRules.FindForbiddenCharacter(name, multiLine: false) is not null)
        {
            errors.Add(new("Name", $"Keep the name to {NameMaxLength} characters on one line"));
        }

        if (input.Actions.Count == 0)
        {
            errors.Add(new("Actions", "Choose at least one thing the client may do"));
        }
        else if (input.Actions.Where(a => !PolicyTable.SystemCallerActions.Contains(a)).Select(a => (SchoolAction?)a).FirstOrDefault() is { } refused)
        {
            errors.Add(new("Actions", $"A client may not be given \"{refused}\": systems may only do what the policy table allows them"));
        }

        if (input.ExpiresOn is not { } expires)
        {
            errors.Add(new("ExpiresOn", "Enter the date the client stops working"));
        }
        else if (expires < today)
        {
            errors.Add(new("ExpiresOn", "The date the client stops working must be today or later"));
        }
        else if (expires > today.AddYears(MaxYears))
        {
            errors.Add(new("ExpiresOn", $"A client can be registered for at most {MaxYears} years; register it again before then"));
        }

        return errors;
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(ApiClient.NameMaxLength);
        b.Property(x => x.Actions).HasMaxLength(2000);
        b.Property(x => x.SecretHash).HasMaxLength(32);
        b.HasIndex(x => x.SchoolId);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
