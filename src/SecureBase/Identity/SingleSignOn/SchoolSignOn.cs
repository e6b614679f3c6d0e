using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity.SingleSignOn;

[TypeConverter(typeof(EntityIdTypeConverter<SchoolSignOnId>))]
internal readonly record struct SchoolSignOnId(Guid Value) : IEntityId<SchoolSignOnId>, IParsable<SchoolSignOnId>
{
    public static SchoolSignOnId New() => new(Guid.CreateVersion7());
    public static SchoolSignOnId From(Guid value) => new(value);
    public static SchoolSignOnId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SchoolSignOnId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Whose accounts the school's staff sign in with.</summary>
internal enum SignOnProvider
{
    MicrosoftEntraId,
    GoogleWorkspace,
    OtherOpenIdConnect,
}

/// <summary>What the administrator's form sends. A blank secret keeps the one already stored.</summary>
internal sealed record SchoolSignOnInput(SignOnProvider? Provider, string? Issuer, string? ClientId, string? ClientSecret, string? AllowedDomains, bool Enabled);

/// <summary>
/// A school's single sign-on (issue 15, ADR 0017): the OpenID Connect provider its staff accounts live at, the client
/// SecureBase is registered as there, and the email domains the school owns. One per school. The client secret is kept
/// protected with the installation's Data Protection key ring and is never shown again.
/// </summary>
internal sealed class SchoolSignOn : ISchoolOwned
{
    public const int IssuerMaxLength = 300;
    public const int ClientIdMaxLength = 200;
    public const int SecretMaxLength = 500;
    public const int DomainsMaxLength = 500;

    private SchoolSignOn()
    {
    }

    public SchoolSignOnId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public SignOnProvider Provider { get; private set; }

    /// <summary>The issuer (authority) URL, without a trailing slash: discovery is read from <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string Issuer { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    /// <summary>The client secret, protected with the Data Protection key ring (never the plain secret).</summary>
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>Lower-case email domains, comma-separated.</summary>
    public string AllowedDomains { get; private set; } = "";

    public bool Enabled { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid UpdatedBy { get; private set; }

    public IReadOnlyList<string> Domains => AllowedDomains.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool AllowsDomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at > 0 && Domains.Contains(email[(at + 1)..].ToLowerInvariant(), StringComparer.Ordinal);
    }

    public string ProviderName => Names(Provider);

    public static string Names(SignOnProvider provider) => provider switch
    {
        SignOnProvider.MicrosoftEntraId => "Microsoft",
        SignOnProvider.GoogleWorkspace => "Google",
        _ => "school",
    };

    /// <summary>Sets up or changes the school's sign-on. <paramref name="protect"/> turns a new secret into what is stored.</summary>
    public static Result<SchoolSignOn> Create(SchoolId school, Guid by, SchoolSignOnInput input, Func<string, string> protect, DateTime now)
    {
        var sso = new SchoolSignOn { Id = SchoolSignOnId.New(), SchoolId = school };
        var changed = sso.Change(by, input, protect, now);
        return changed.IsSuccess ? sso : changed.Error!;
    }

    public Outcome Change(Guid by, SchoolSignOnInput input, Func<string, string> protect, DateTime now)
    {
        var errors = new List<FieldError>();
        var issuer = CheckIssuer(input.Issuer, errors);
        var clientId = TextRules.Tidy(input.ClientId);
        if (clientId is null)
        {
            errors.Add(new FieldError("ClientId", "Enter the client (application) id your provider gave SecureBase"));
        }
        else if (clientId.Length > ClientIdMaxLength || clientId.Any(char.IsWhiteSpace) || TextRules.FindForbiddenCharacter(clientId, false) is not null)
        {
            errors.Add(new FieldError("ClientId", $"The client id is one word of at most {ClientIdMaxLength} characters, with no spaces"));
        }

        var secret = TextRules.Tidy(input.ClientSecret);
        if (secret is null && ProtectedSecret.Length == 0)
        {
            errors.Add(new FieldError("ClientSecret", "Enter the client secret your provider gave SecureBase"));
        }
        else if (secret is not null && (secret.Length > SecretMaxLength || secret.Any(char.IsWhiteSpace) || TextRules.FindForbiddenCharacter(secret, false) is not null))
        {
            errors.Add(new FieldError("ClientSecret", $"The client secret is at most {SecretMaxLength} characters, with no spaces"));
        }

        var domains = CheckDomains(input.AllowedDomains, errors);
        if (input.Provider is not { } provider || !Enum.IsDefined(provider))
        {
            errors.Add(new FieldError("Provider", "Choose who your school's accounts are with"));
        }

        if (errors.Count > 0)
        {
            return new Error.Validation(errors);
        }

        Provider = input.Provider!.Value;
        Issuer = issuer!;
        ClientId = clientId!;
        if (secret is not null)
        {
            ProtectedSecret = protect(secret);
        }

        AllowedDomains = string.Join(",", domains);
        Enabled = input.Enabled;
        UpdatedAt = now;
        UpdatedBy = by;
        return Outcome.Ok;
    }

    private static string? CheckIssuer(string? raw, List<FieldError> errors)
    {
        var text = TextRules.Tidy(raw)?.TrimEnd('/');
        if (text is null)
        {
            errors.Add(new FieldError("Issuer", "Enter your provider's issuer URL, for example https://login.microsoftonline.com/<tenant id>/v2.0"));
            return null;
        }

        if (text.Length > IssuerMaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(new FieldError("Issuer", "The issuer must be a web address starting https://, with no ? or # part"));
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            errors.Add(new FieldError("Issuer", "The issuer must be a secure web address starting https://"));
            return null;
        }

        return text;
    }

    /// <summary>Plain http is allowed only on this machine (a provider for tests or a trial), never across a network.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    private static List<string> CheckDomains(string? raw, List<FieldError> errors)
    {
        var domains = (raw ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (domains.Count == 0)
        {
            errors.Add(new FieldError("AllowedDomains", "Enter your school's email domain, for example oakfield.sch.uk"));
            return domains;
        }

        var bad = domains.FirstOrDefault(d => !IsDomain(d));
        if (bad is not null)
        {
            errors.Add(new FieldError("AllowedDomains", $"\"{bad}\" is not an email domain: write only the part after the @, for example oakfield.sch.uk, and separate several with commas"));
        }
        else if (string.Join(",", domains).Length > DomainsMaxLength)
        {
            errors.Add(new FieldError("AllowedDomains", $"The domains can be at most {DomainsMaxLength} characters together"));
        }

        return domains;
    }

    private static bool IsDomain(string d) =>
        d.Length <= 253 && d.Contains('.', StringComparison.Ordinal) && !d.StartsWith('.') && !d.EndsWith('.')
        && d.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-')
                                     && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}

internal sealed class SchoolSignOnConfiguration : IEntityTypeConfiguration<SchoolSignOn>
{
    public void Configure(EntityTypeBuilder<SchoolSignOn> b)
    {
        b.ToTable("school_sign_on");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Provider).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.Issuer).HasMaxLength(SchoolSignOn.IssuerMaxLength);
        b.Property(s => s.ClientId).HasMaxLength(SchoolSignOn.ClientIdMaxLength);
        b.Property(s => s.ProtectedSecret).HasMaxLength(4000);
        b.Property(s => s.AllowedDomains).HasMaxLength(SchoolSignOn.DomainsMaxLength);
        b.HasIndex(s => s.SchoolId).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
