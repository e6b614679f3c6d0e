using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Common;

namespace SecureBase.Audit;

/// <summary>
/// One line of the append-only audit log: who (and in which role and school) did what to which
/// record, when (UTC) and why. Entries are chained: each carries a keyed hash of itself and the
/// entry before, so an edit, a deletion or an insertion anywhere is found by verification.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    /// <summary>Identifies the row; the order of the log is <see cref="Sequence"/>, given when the entry is sealed into the chain.</summary>
    public Guid Id { get; private set; }

    public long Sequence { get; internal set; }
    public DateTime At { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? Role { get; private set; }
    public SchoolId? SchoolId { get; private set; }
    public string Action { get; private set; } = "";
    public string? RecordType { get; private set; }
    public string? RecordId { get; private set; }
    public string? Reason { get; private set; }
    public string? Detail { get; private set; }
    public string PreviousHash { get; internal set; } = "";
    public string Hash { get; internal set; } = "";

    internal static AuditEntry Create(DateTime at, AuditActor actor, string action, string? recordType, string? recordId, string? reason, string? detail) => new()
    {
        Id = Guid.CreateVersion7(),
        // PostgreSQL keeps microseconds; the hash must survive the round trip.
        At = new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc),
        UserId = actor.UserId,
        UserName = actor.UserName,
        Role = actor.Role,
        SchoolId = actor.SchoolId,
        Action = action,
        RecordType = recordType,
        RecordId = recordId,
        Reason = reason,
        Detail = detail,
    };
}

/// <summary>Who an audit entry is about: a signed-in user, a named account, or the system itself.</summary>
public readonly record struct AuditActor(Guid? UserId, string? UserName, string? Role, SchoolId? SchoolId)
{
    public static AuditActor System(SchoolId? school = null) => new(null, "system", null, school);
}

/// <summary>The end of the chain: the last sequence number and hash, updated under a lock.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditChain.Genesis;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Role).HasMaxLength(64);
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.RecordType).HasMaxLength(64);
        b.Property(e => e.RecordId).HasMaxLength(64);
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.Property(e => e.Detail).HasMaxLength(2000);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.SchoolId, e.Sequence });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("audit_chain_head");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.LastHash).HasMaxLength(64);
    }
}
