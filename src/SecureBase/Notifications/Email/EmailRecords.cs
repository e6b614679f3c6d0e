using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MimeKit;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Notifications;

/// <summary>How SecureBase talks to the school's mail relay.</summary>
internal enum MailSecurity
{
    /// <summary>STARTTLS when the relay offers it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>No encryption: only for a relay on the same machine or network.</summary>
    None,
}

/// <summary>What a notification is about, as a person chooses which to be emailed for.</summary>
[Flags]
internal enum EmailTopics
{
    None = 0,
    /// <summary>Appointment times and rooms: a session moved, a room given back, a child allocated, consent asked.</summary>
    Appointments = 1,
    /// <summary>Referrals, allocation and role requests.</summary>
    Referrals = 2,
    /// <summary>A report shared with you.</summary>
    Reports = 4,
    /// <summary>A safeguarding concern received (for the DSL).</summary>
    Safeguarding = 8,
    /// <summary>Everything else: EHCP reviews, disengagement, episodes ending.</summary>
    Other = 16,
}

internal static class EmailTopicWords
{
    public static readonly IReadOnlyList<(EmailTopics Topic, string Words)> All =
    [
        (EmailTopics.Appointments, "New appointment times, moved sessions and rooms"),
        (EmailTopics.Referrals, "Referrals, allocation and requests"),
        (EmailTopics.Reports, "A report shared with you"),
        (EmailTopics.Safeguarding, "A safeguarding concern received (DSL)"),
        (EmailTopics.Other, "Everything else (EHCP reviews, engagement, episodes ending)"),
    ];

    /// <summary>The topic of a notification, from what it is about (its key's first word).</summary>
    public static EmailTopics Of(string dedupeKey)
    {
        var kind = dedupeKey.Split(':', 2)[0];
        return kind switch
        {
            "displaced" or "given-back" or "allocated-parent" or "consent-requested" or "consent-answered" => EmailTopics.Appointments,
            _ when kind.StartsWith("referral-safeguarding", StringComparison.Ordinal) || kind.StartsWith("concern", StringComparison.Ordinal) || kind.StartsWith("safeguarding", StringComparison.Ordinal) => EmailTopics.Safeguarding,
            _ when kind.StartsWith("referral", StringComparison.Ordinal) || kind is "allocated" or "role-request" => EmailTopics.Referrals,
            _ when kind.StartsWith("report", StringComparison.Ordinal) => EmailTopics.Reports,
            _ => EmailTopics.Other,
        };
    }
}

/// <summary>Email addresses as SecureBase accepts them: one plain mailbox, nothing that could add a header.</summary>
internal static class EmailAddresses
{
    public const int MaxLength = 254;

    public static Result<string> Check(string? typed, string field)
    {
        var address = typed?.Trim() ?? "";
        if (address.Length == 0)
        {
            return new Error.Validation(field, "Enter an email address");
        }

        if (address.Any(char.IsControl) || address.Contains(',', StringComparison.Ordinal) || address.Contains(';', StringComparison.Ordinal) || address.Contains(' ', StringComparison.Ordinal))
        {
            return new Error.Validation(field, "Enter one email address, like name@school.org.uk, with no spaces, commas or line breaks");
        }

        if (address.Length > MaxLength || !MailboxAddress.TryParse(ParserOptions.Default, address, out var parsed)
            || !string.Equals(parsed.Address, address, StringComparison.Ordinal) || !string.IsNullOrEmpty(parsed.Name)
            || address.Count(c => c == '@') != 1 || address.StartsWith('@') || !address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..].Contains('.', StringComparison.Ordinal))
        {
            return new Error.Validation(field, "Enter an email address like name@school.org.uk");
        }

        return address;
    }
}

/// <summary>
/// The school's mail relay (its Microsoft 365, Google Workspace or local authority SMTP service): set by the
/// administrator. The password is kept encrypted with the installation's key ring.
/// </summary>
internal sealed class MailRelay : ISchoolOwned
{
    private MailRelay()
    {
    }

    public SchoolId SchoolId { get; private set; }
    public string Host { get; private set; } = "";
    public int Port { get; private set; }
    public MailSecurity Security { get; private set; }
    public string? UserName { get; private set; }
    public string? ProtectedPassword { get; private set; }
    public string FromAddress { get; private set; } = "";

    /// <summary>The address people use to reach SecureBase ("https://securebase.school.org.uk"): links in emails point there.</summary>
    public string SiteAddress { get; private set; } = "";

    public DateTime UpdatedAt { get; private set; }

    public static Result<MailRelay> Configure(MailRelay? existing, SchoolId school, string? host, int? port, MailSecurity security, string? userName,
        string? protectedPassword, string? fromAddress, string? siteAddress, DateTime now)
    {
        var h = host?.Trim() ?? "";
        if (h.Length == 0 || h.Length > 255 || Uri.CheckHostName(h) == UriHostNameType.Unknown)
        {
            return new Error.Validation("Host", "Enter the mail relay's name, like smtp.office365.com");
        }

        if (port is not (>= 1 and <= 65535))
        {
            return new Error.Validation("Port", "Enter the relay's port, a number from 1 to 65535 (usually 587)");
        }

        var from = EmailAddresses.Check(fromAddress, "FromAddress");
        if (from.Error is { } fromError)
        {
            return fromError;
        }

        var site = siteAddress?.Trim().TrimEnd('/') ?? "";
        if (!Uri.TryCreate(site, UriKind.Absolute, out var siteUri) || siteUri.Scheme is not ("https" or "http") || siteUri.Query.Length > 0 || siteUri.Fragment.Length > 0 || site.Length > 200)
        {
            return new Error.Validation("SiteAddress", "Enter the address staff and parents use to reach SecureBase, like https://securebase.school.org.uk");
        }

        var user = string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();
        if (user is { Length: > 200 } || (user?.Any(char.IsControl) ?? false))
        {
            return new Error.Validation("UserName", "Enter the relay's user name, up to 200 characters, or leave it empty");
        }

        var relay = existing ?? new MailRelay { SchoolId = school };
        relay.Host = h;
        relay.Port = port.Value;
        relay.Security = security;
        relay.UserName = user;
        relay.ProtectedPassword = user is null ? null : protectedPassword ?? relay.ProtectedPassword;
        relay.FromAddress = from.Value!;
        relay.SiteAddress = site;
        relay.UpdatedAt = now;
        return relay;
    }
}

[TypeConverter(typeof(EntityIdTypeConverter<EmailChoiceId>))]
internal readonly record struct EmailChoiceId(Guid Value) : IEntityId<EmailChoiceId>, IParsable<EmailChoiceId>
{
    public static EmailChoiceId New() => new(Guid.CreateVersion7());
    public static EmailChoiceId From(Guid value) => new(value);
    public static EmailChoiceId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EmailChoiceId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>A person's choice, in one school, of which notifications also reach them by email, and where.</summary>
internal sealed class EmailChoice : ISchoolOwned
{
    private EmailChoice()
    {
    }

    public EmailChoiceId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Guid UserId { get; private set; }
    public string Address { get; private set; } = "";
    public EmailTopics Topics { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static Result<EmailChoice> Choose(EmailChoice? existing, SchoolId school, Guid user, string? address, EmailTopics topics, DateTime now)
    {
        var checkedAddress = EmailAddresses.Check(address, "Address");
        if (checkedAddress.Error is { } error)
        {
            return error;
        }

        var choice = existing ?? new EmailChoice { Id = EmailChoiceId.New(), SchoolId = school, UserId = user };
        choice.Address = checkedAddress.Value!;
        choice.Topics = topics;
        choice.UpdatedAt = now;
        return choice;
    }
}

[TypeConverter(typeof(EntityIdTypeConverter<OutgoingEmailId>))]
internal readonly record struct OutgoingEmailId(Guid Value) : IEntityId<OutgoingEmailId>, IParsable<OutgoingEmailId>
{
    public static OutgoingEmailId New() => new(Guid.CreateVersion7());
    public static OutgoingEmailId From(Guid value) => new(value);
    public static OutgoingEmailId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OutgoingEmailId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// An email waiting to go, saved in the same transaction as the notification it tells of (so none is lost or
/// sent for a change that was not saved) and sent later by <see cref="EmailSender"/>: a page never waits for a
/// mail server. It says only that there is something to read, never what.
/// </summary>
internal sealed class OutgoingEmail : ISchoolOwned
{
    public const int MaxAttempts = 8;

    /// <summary>Waits between attempts: a relay that is down for a day is tried eight times, then given up (the notification stays in the app).</summary>
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    private OutgoingEmail()
    {
    }

    public OutgoingEmailId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Guid UserId { get; private set; }
    public string To { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? GaveUpAt { get; private set; }
    public string? LastError { get; private set; }

    public static OutgoingEmail For(SchoolId school, Guid user, string to, DateTime now) => new()
    {
        Id = OutgoingEmailId.New(),
        SchoolId = school,
        UserId = user,
        To = to,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>When to try again after the <paramref name="attempts"/>th failure; null to give up.</summary>
    public static DateTime? RetryAt(int attempts, DateTime now) => attempts >= MaxAttempts ? null : now + Backoff[Math.Min(attempts, Backoff.Length) - 1];
}

internal sealed class EmailConfiguration : IEntityTypeConfiguration<MailRelay>, IEntityTypeConfiguration<EmailChoice>, IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<MailRelay> b)
    {
        b.ToTable("mail_relays");
        b.HasKey(r => r.SchoolId);
        b.Property(r => r.Host).HasMaxLength(255);
        b.Property(r => r.Security).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.UserName).HasMaxLength(200);
        b.Property(r => r.ProtectedPassword).HasMaxLength(2000);
        b.Property(r => r.FromAddress).HasMaxLength(EmailAddresses.MaxLength);
        b.Property(r => r.SiteAddress).HasMaxLength(200);
        b.HasOne<Schools.School>().WithOne().HasForeignKey<MailRelay>(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EmailChoice> b)
    {
        b.ToTable("email_choices");
        b.HasKey(c => c.Id);
        b.Property(c => c.Address).HasMaxLength(EmailAddresses.MaxLength);
        b.Property(c => c.Topics).HasConversion<int>();
        b.HasIndex(c => new { c.SchoolId, c.UserId }).IsUnique();
        b.HasOne<Schools.School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OutgoingEmail> b)
    {
        b.ToTable("outgoing_emails");
        b.HasKey(e => e.Id);
        b.Property(e => e.To).HasMaxLength(EmailAddresses.MaxLength);
        b.Property(e => e.LastError).HasMaxLength(500);
        b.HasIndex(e => new { e.SchoolId, e.SentAt, e.NextAttemptAt });
        b.HasOne<Schools.School>().WithMany().HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
