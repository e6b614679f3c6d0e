using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;
using SecureBase.Identity;
using SecureBase.Schools;

namespace SecureBase.Notifications;

[TypeConverter(typeof(EntityIdTypeConverter<NotificationId>))]
public readonly record struct NotificationId(Guid Value) : IEntityId<NotificationId>, IParsable<NotificationId>
{
    public static NotificationId New() => new(Guid.CreateVersion7());
    public static NotificationId From(Guid value) => new(value);
    public static NotificationId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out NotificationId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Something one person in one school should know, shown on their notifications page with a link
/// to the page that explains it. Whoever sends one makes sure the recipient may see what it says:
/// a notification never carries session notes or safeguarding details.
/// </summary>
public sealed class Notification : ISchoolOwned
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkMaxLength = 300;
    public const int KeyMaxLength = 200;

    private Notification()
    {
    }

    public NotificationId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }

    /// <summary>The account told.</summary>
    public Guid UserId { get; private set; }

    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>A page of this application ("/pupils/…/ehcp"), never another site.</summary>
    public string Link { get; private set; } = "";

    /// <summary>What the notification is about ("ehcp:{plan}:review-due:2026-03-03"): one person is told about one thing once.</summary>
    public string DedupeKey { get; private set; } = "";

    /// <summary>
    /// What the recipient must still be allowed to do to read this (an EHCP flag needs
    /// <see cref="SchoolAction.ViewEhcp"/>): someone who loses that role no longer sees it.
    /// </summary>
    public SchoolAction? RequiredAction { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    internal static Notification Create(SchoolId school, Guid userId, NotificationMessage message, DateTime now)
    {
        if (!IsLocalLink(message.Link))
        {
            throw new ArgumentException($"A notification links only to a page of SecureBase, not '{message.Link}'.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.DedupeKey) || message.DedupeKey.Length > KeyMaxLength)
        {
            throw new ArgumentException("A notification needs a key of up to 200 characters saying what it is about.", nameof(message));
        }

        return new Notification
        {
            Id = NotificationId.New(),
            SchoolId = school,
            UserId = userId,
            Title = Shorten(message.Title, TitleMaxLength),
            Body = Shorten(message.Body, BodyMaxLength),
            Link = message.Link,
            DedupeKey = message.DedupeKey,
            RequiredAction = message.RequiredAction,
            CreatedAt = now,
        };
    }

    /// <summary>Marks the notification read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTime now) => ReadAt ??= now;

    /// <summary>An address within this application: "/x", never "//host" or "/\host", which browsers follow off-site.</summary>
    public static bool IsLocalLink(string? link) =>
        !string.IsNullOrEmpty(link) && link.Length <= LinkMaxLength && link[0] == '/'
        && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>
/// What to tell people: a title, a sentence or two, a page to open, what it is about, and what a
/// reader must be allowed to do to see it.
/// </summary>
public sealed record NotificationMessage(string Title, string Body, string Link, string DedupeKey, SchoolAction? RequiredAction = null);

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        b.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength);
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        b.Property(n => n.DedupeKey).HasMaxLength(Notification.KeyMaxLength);
        b.Property(n => n.RequiredAction).HasConversion<string>().HasMaxLength(32);

        // The same thing is never told to the same person twice, even by two instances at once.
        b.HasIndex(n => new { n.SchoolId, n.UserId, n.DedupeKey }).IsUnique();
        b.HasIndex(n => new { n.SchoolId, n.UserId, n.ReadAt });
        b.HasIndex(n => n.UserId);
        b.HasOne<School>().WithMany().HasForeignKey(n => n.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(n => n.IsRead);
    }
}
