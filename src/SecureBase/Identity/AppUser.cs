using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

/// <summary>
/// A person who signs in. The account is installation-wide; what the person may do is given by
/// their <see cref="Membership"/> rows, one per role per school.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its open sessions end on their next request.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set when an administrator resets the password: the user chooses their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    /// <summary>The 30-second TOTP step last accepted, so a code cannot be used twice.</summary>
    public long LastTotpStep { get; set; }
}

/// <summary>A role a user holds in one school, e.g. "Therapist at Westbourne".</summary>
public sealed class Membership : ISchoolOwned
{
    private Membership()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public SchoolId SchoolId { get; private set; }
    public Role Role { get; private set; }
    public DateTime GrantedAt { get; private set; }
    public Guid? GrantedBy { get; private set; }

    public static Membership Grant(Guid userId, SchoolId school, Role role, DateTime now, Guid? grantedBy) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        SchoolId = school,
        Role = role,
        GrantedAt = now,
        GrantedBy = grantedBy,
    };
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasKey(m => m.Id);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(m => new { m.UserId, m.SchoolId, m.Role }).IsUnique();
        b.HasIndex(m => new { m.SchoolId, m.Role });
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
