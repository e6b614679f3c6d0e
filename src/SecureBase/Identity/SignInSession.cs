using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;

namespace SecureBase.Identity;

[TypeConverter(typeof(EntityIdTypeConverter<SignInSessionId>))]
public readonly record struct SignInSessionId(Guid Value) : IEntityId<SignInSessionId>, IParsable<SignInSessionId>
{
    public static SignInSessionId New() => new(Guid.CreateVersion7());
    public static SignInSessionId From(Guid value) => new(value);
    public static SignInSessionId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SignInSessionId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>Why a sign-in session ended.</summary>
public enum SessionEnd
{
    SignedOut,
    PasswordChanged,
    PasswordReset,
    TwoFactorReset,
    AccountDisabled,
    IdleTimeout,
    AbsoluteTimeout,
}

/// <summary>
/// One sign-in on one device, from the password (and code) to signing out. The session cookie
/// carries only this session's id; the session guard looks the row up on every request, so ending
/// it here ends the cookie at once on every instance of the application, however long the cookie
/// itself would still be valid. A session that has ended never opens again: signing in starts a new one.
/// </summary>
public sealed class SignInSession
{
    /// <summary>How often the last-seen time is written: at most once a minute per session, so a busy user costs no write per click.</summary>
    public static readonly TimeSpan LastSeenEvery = TimeSpan.FromMinutes(1);

    /// <summary>How long a session's row is kept after it was last used (deleted when the same account next signs in).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private SignInSession()
    {
    }

    public SignInSessionId Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>When the person signed in: the 12-hour limit counts from here, also for a session re-issued after a password change.</summary>
    public DateTime StartedAt { get; private set; }

    /// <summary>The last request seen, to within <see cref="LastSeenEvery"/>.</summary>
    public DateTime LastSeenAt { get; private set; }

    public DateTime? EndedAt { get; private set; }
    public SessionEnd? EndReason { get; private set; }

    public static SignInSession Start(Guid userId, DateTime signedInAt, DateTime now) => new()
    {
        Id = SignInSessionId.New(),
        UserId = userId,
        StartedAt = signedInAt,
        LastSeenAt = now,
    };

    /// <summary>
    /// Why a session that has not been ended would end now if it is used: after the 12-hour limit,
    /// or after 30 idle minutes (plus the minute by which the last-seen time may lag).
    /// </summary>
    public static SessionEnd? ExpiryAt(DateTime startedAt, DateTime lastSeenAt, DateTime now) =>
        now - startedAt > IdentityModule.AbsoluteTimeout ? SessionEnd.AbsoluteTimeout
        : now - lastSeenAt > IdentityModule.IdleTimeout + LastSeenEvery ? SessionEnd.IdleTimeout
        : null;

    /// <summary>Ends the session; a session already ended keeps its first reason.</summary>
    public void End(SessionEnd reason, DateTime now)
    {
        if (EndedAt is null)
        {
            EndedAt = now;
            EndReason = reason;
        }
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("sign_in_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(32);
        // Ending every session of an account (password change, 2FA reset, disabling) finds them by user.
        b.HasIndex(s => s.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
