using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;
using SecureBase.Data;

namespace SecureBase.Identity;

[TypeConverter(typeof(EntityIdTypeConverter<RoleRequestId>))]
public readonly record struct RoleRequestId(Guid Value) : IEntityId<RoleRequestId>, IParsable<RoleRequestId>
{
    public static RoleRequestId New() => new(Guid.CreateVersion7());
    public static RoleRequestId From(Guid value) => new(value);
    public static RoleRequestId Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var id) ? id : throw new FormatException();
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RoleRequestId result) => EntityId.TryParse(s, out result);
    public override string ToString() => Value.ToString();
}

public enum RoleRequestStatus
{
    Pending,
    Approved,
    Refused,

    /// <summary>The administrator took the role off the account before anyone decided.</summary>
    Withdrawn,
}

/// <summary>
/// Who approves a grant of a role that reads confidential data (PRODUCT.md section 1: the
/// administrator runs accounts but may not see therapy or safeguarding content, so they cannot
/// give those roles on their own). The Head of Therapy approves the clinical roles, the DSL the
/// DSL role, the headteacher the SENDCo and headteacher roles, and the headteacher also approves
/// when nobody else in the school can: for example the school's first Head of Therapy.
/// </summary>
public static class RoleApproval
{
    /// <summary>A role whose grant waits for approval: one the policy table lets read confidential records of other people's children.</summary>
    public static bool NeedsApproval(Role role) => PolicyTable.ReadsConfidentialData(role);

    /// <summary>The role that approves a grant of <paramref name="role"/> when someone in the school holds it.</summary>
    public static Role ApprovedBy(Role role) => role switch
    {
        Role.HeadOfTherapy or Role.Therapist or Role.TherapyAssistant => Role.HeadOfTherapy,
        Role.Dsl => Role.Dsl,
        _ => Role.Headteacher,
    };
}

/// <summary>What the approval rule needs to know: who is deciding, their roles now, and who in the school holds which role.</summary>
public sealed record RoleDecider(Guid UserId, IReadOnlySet<Role> Roles, IReadOnlyCollection<(Guid UserId, Role Role)> SchoolRoles);

/// <summary>
/// A role an administrator asked to give someone that needs approval first (<see cref="RoleApproval"/>).
/// It gives no access while it waits: only an approved request becomes a <see cref="Membership"/>.
/// Nobody decides a request for themselves or one they asked for.
/// </summary>
public sealed class RoleRequest : ISchoolOwned
{
    private RoleRequest()
    {
    }

    public RoleRequestId Id { get; private set; }
    public SchoolId SchoolId { get; private set; }

    /// <summary>The account that would receive the role.</summary>
    public Guid UserId { get; private set; }

    public Role Role { get; private set; }
    public Guid RequestedBy { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public RoleRequestStatus Status { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public bool IsPending => Status == RoleRequestStatus.Pending;

    public static Result<RoleRequest> Raise(SchoolId school, Guid userId, Role role, Guid requestedBy, DateTime now)
    {
        if (!RoleApproval.NeedsApproval(role))
        {
            return new Error.Validation("Roles", $"{RoleInfo.Of(role).Name} is given directly, without approval.");
        }

        return new RoleRequest
        {
            Id = RoleRequestId.New(),
            SchoolId = school,
            UserId = userId,
            Role = role,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Status = RoleRequestStatus.Pending,
        };
    }

    /// <summary>
    /// The role whose holder decides this request: the approving role when someone other than the
    /// person receiving it and the person who asked holds it, else the headteacher; none when
    /// nobody in the school can.
    /// </summary>
    public Role? DecidedByRole(IReadOnlyCollection<(Guid UserId, Role Role)> schoolRoles)
    {
        bool SomeoneElseHolds(Role r) => schoolRoles.Any(h => h.Role == r && h.UserId != UserId && h.UserId != RequestedBy);
        var first = RoleApproval.ApprovedBy(Role);
        return SomeoneElseHolds(first) ? first
            : SomeoneElseHolds(Role.Headteacher) ? Role.Headteacher
            : null;
    }

    /// <summary>Why <paramref name="decider"/> may not decide this request, or null when they may.</summary>
    public Error? WhyNot(RoleDecider decider)
    {
        if (!IsPending)
        {
            return new Error.Conflict("This request has already been decided.");
        }

        if (decider.UserId == UserId)
        {
            return new Error.Forbidden("Nobody can approve a role for themselves.");
        }

        if (decider.UserId == RequestedBy)
        {
            return new Error.Forbidden("You asked for this role, so someone else must approve it.");
        }

        var approver = DecidedByRole(decider.SchoolRoles);
        if (approver is null)
        {
            return new Error.Forbidden("Nobody in the school can approve this role yet: it needs a headteacher who did not ask for it.");
        }

        return decider.Roles.Contains(approver.Value)
            ? null
            : new Error.Forbidden($"Only the school's {RoleInfo.Of(approver.Value).Name} can approve this role.");
    }

    /// <summary>Approves the request: the role is held from now on.</summary>
    public Result<Membership> Approve(RoleDecider decider, DateTime now)
    {
        if (WhyNot(decider) is { } error)
        {
            return error;
        }

        Decide(RoleRequestStatus.Approved, decider.UserId, now);
        return Membership.Grant(UserId, SchoolId, Role, now, decider.UserId);
    }

    public Outcome Refuse(RoleDecider decider, DateTime now)
    {
        if (WhyNot(decider) is { } error)
        {
            return error;
        }

        Decide(RoleRequestStatus.Refused, decider.UserId, now);
        return Outcome.Ok;
    }

    /// <summary>The administrator took the role off before it was decided.</summary>
    public void Withdraw(Guid by, DateTime now)
    {
        if (IsPending)
        {
            Decide(RoleRequestStatus.Withdrawn, by, now);
        }
    }

    private void Decide(RoleRequestStatus status, Guid by, DateTime now)
    {
        Status = status;
        DecidedBy = by;
        DecidedAt = now;
    }
}

internal sealed class RoleRequestConfiguration : IEntityTypeConfiguration<RoleRequest>
{
    public void Configure(EntityTypeBuilder<RoleRequest> b)
    {
        b.ToTable("role_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => new { r.SchoolId, r.Status });
        b.HasIndex(r => new { r.UserId, r.SchoolId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Schools.School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
