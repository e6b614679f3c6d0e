using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecureBase.Audit;
using SecureBase.Common;
using SecureBase.Identity;

namespace SecureBase.Data;

/// <summary>
/// The one database context. Each module adds its sets in a partial file in its own folder and
/// its mappings as <see cref="IEntityTypeConfiguration{T}"/> classes beside its entities.
/// </summary>
public sealed partial class SecureBaseDb(DbContextOptions<SecureBaseDb> options, SchoolContext school, AuditKey auditKey, SchoolEventDispatcher? events = null)
    : IdentityUserContext<AppUser, Guid>(options)
{
    public const string SchoolFilter = "school";

    /// <summary>Read by the query filters on every query (EF parameterises it).</summary>
    public SchoolId CurrentSchoolId => school.SchoolId;

    internal SchoolContext SchoolContext => school;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        foreach (var idType in typeof(SecureBaseDb).Assembly.GetTypes().Where(IsEntityId))
        {
            configurationBuilder.Properties(idType).HaveConversion(typeof(EntityIdValueConverter<>).MakeGenericType(idType));
        }

        // Instants are UTC everywhere; SQLite forgets the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

        builder.ApplyConfigurationsFromAssembly(typeof(SecureBaseDb).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ISchoolOwned).IsAssignableFrom(e.ClrType)))
        {
            var method = typeof(SecureBaseDb).GetMethod(nameof(SchoolFilterFor), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType);
            builder.Entity(entity.ClrType).HasQueryFilter(SchoolFilter, (LambdaExpression)method.Invoke(this, null)!);
        }

        ApplySnakeCaseNames(builder);
    }

    private Expression<Func<T, bool>> SchoolFilterFor<T>() where T : ISchoolOwned =>
        e => e.SchoolId == CurrentSchoolId;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Use SaveChangesAsync: the audit chain is written asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (events is not null)
        {
            // Side effects other modules add to this change are made before anything is written.
            await events.DispatchAsync(TakeRaisedEvents, cancellationToken);
        }

        GuardSchoolBoundaries();
        var pendingAudit = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var calendarChanged = HasChanges<SecureBase.Schools.IPartOfCalendar>();
        var sessionsChanged = HasChanges<SecureBase.Sessions.IPartOfSessionRecord>();
        if (pendingAudit.Count == 0 && !calendarChanged && !sessionsChanged)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit entries and the change they describe commit together, or not at all; so does a change to the
        // calendar and the school's new calendar stamp (which tells every instance the calendar it kept is old), and a
        // change to a session and the school's new sessions stamp (the delivered totals kept are old).
        var ownTransaction = Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;

        // The change's own statements first; the rows every such write locks until the commit, last. The audit chain's head
        // is locked from its read to the commit, and every audited write of the installation waits for it in turn (on
        // PostgreSQL; SQLite has one writer anyway); a school's calendar or sessions stamp is locked from its update, and
        // every such change of the school waits for it. So the entries are sealed after the change is written, and on
        // PostgreSQL the new stamps go in the same round trip as the head's lock: both rows are held for that round trip,
        // the entries' insert and the commit.
        var auditLast = pendingAudit.Count > 0 && acceptAllChangesOnSuccess;
        if (auditLast)
        {
            SetState(pendingAudit, EntityState.Detached);
        }
        else if (pendingAudit.Count > 0)
        {
            // Changes kept unaccepted after the save (never asked for today) are saved in one go, entries sealed first.
            await AuditChain.SealAsync(this, auditKey, pendingAudit, cancellationToken);
        }

        int count;
        try
        {
            count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            if (auditLast)
            {
                // Whether or not the change was saved: a caller that tries again still has its entries to save.
                SetState(pendingAudit, EntityState.Added);
            }
        }

        if (calendarChanged)
        {
            school.ForgetCalendarStamp();
        }

        if (sessionsChanged)
        {
            school.ForgetSessionsStamp();
        }

        var stamped = false;
        if (auditLast)
        {
            stamped = await AuditChain.SealAsync(this, auditKey, pendingAudit, StampsUpdate(calendarChanged, sessionsChanged), cancellationToken);
            count += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (calendarChanged && !stamped)
        {
            await NewStampAsync(s => s.CalendarStamp, cancellationToken);
        }

        if (sessionsChanged && !stamped)
        {
            await NewStampAsync(s => s.SessionsStamp, cancellationToken);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }

        return count;
    }

    private void SetState(IEnumerable<AuditEntry> entries, EntityState state)
    {
        foreach (var entry in entries)
        {
            Entry(entry).State = state;
        }
    }

    /// <summary>
    /// Runs work that saves more than once (Identity's user store saves on every call) as one
    /// transaction, so a change and its audit entries commit together or not at all.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var tx = await Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The school's new calendar and sessions stamps as one update (for <see cref="AuditChain"/> to send with its lock), or null if neither changed.</summary>
    private FormattableString? StampsUpdate(bool calendar, bool sessions) => (calendar, sessions) switch
    {
        (true, true) => $"UPDATE schools SET calendar_stamp = {SecureBase.Schools.School.NewStamp()}, sessions_stamp = {SecureBase.Schools.School.NewStamp()} WHERE id = {CurrentSchoolId.Value}",
        (true, false) => $"UPDATE schools SET calendar_stamp = {SecureBase.Schools.School.NewStamp()} WHERE id = {CurrentSchoolId.Value}",
        (false, true) => $"UPDATE schools SET sessions_stamp = {SecureBase.Schools.School.NewStamp()} WHERE id = {CurrentSchoolId.Value}",
        _ => null,
    };

    /// <summary>Gives the current school a new value of one of its stamps (in the caller's transaction).</summary>
    private Task<int> NewStampAsync(System.Linq.Expressions.Expression<Func<SecureBase.Schools.School, long>> stamp, CancellationToken ct) =>
        Schools.IgnoreQueryFilters().Where(s => s.Id == CurrentSchoolId)
            .ExecuteUpdateAsync(u => u.SetProperty(stamp, SecureBase.Schools.School.NewStamp()), ct);

    /// <summary>Whether any record of this kind is about to be added, changed or deleted.</summary>
    private bool HasChanges<T>() where T : class =>
        ChangeTracker.Entries<T>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private IReadOnlyList<ISchoolEvent> TakeRaisedEvents() =>
        ChangeTracker.Entries<RaisesEvents>().ToList().SelectMany(e => e.Entity.TakeEvents()).ToList();

    private void GuardSchoolBoundaries()
    {
        foreach (var entry in ChangeTracker.Entries<ISchoolOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity.SchoolId != CurrentSchoolId)
            {
                throw new InvalidOperationException(
                    $"A {entry.Entity.GetType().Name} of another school was about to be saved; this is a bug, nothing was saved.");
            }
        }
    }

    private static bool IsEntityId(Type t) =>
        t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityId<>));

    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !table.Contains('_', StringComparison.Ordinal) && table != table.ToLowerInvariant())
            {
                entity.SetTableName(SnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

internal sealed class EntityIdValueConverter<T>() : ValueConverter<T, Guid>(id => id.Value, g => Make(g))
    where T : struct, IEntityId<T>
{
    private static T Make(Guid value) => T.From(value);
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    // An unspecified kind is taken as UTC: instants are only ever made from TimeProvider's UTC clock.
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
