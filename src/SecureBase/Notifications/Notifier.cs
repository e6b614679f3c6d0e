using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Identity;

namespace SecureBase.Notifications;

/// <summary>
/// Tells people things in the app. Each message goes to each recipient who has not already been
/// told the same thing (the same <see cref="NotificationMessage.DedupeKey"/>) in this school; the
/// notifications are saved with the caller's next SaveChanges, together with the change that caused them.
/// </summary>
public sealed class Notifier(SecureBaseDb db)
{
    /// <summary>Queues the notifications; returns how many new ones there are.</summary>
    public async Task<int> QueueAsync(IReadOnlyCollection<Guid> recipients, IReadOnlyCollection<NotificationMessage> messages, DateTime now, CancellationToken ct = default)
    {
        if (recipients.Count == 0 || messages.Count == 0)
        {
            return 0;
        }

        var keys = messages.Select(m => m.DedupeKey).Distinct().ToList();
        var told = (await db.Notifications.AsNoTracking()
                .Where(n => recipients.Contains(n.UserId) && keys.Contains(n.DedupeKey))
                .Select(n => new { n.UserId, n.DedupeKey })
                .ToListAsync(ct))
            .Select(n => (n.UserId, n.DedupeKey))
            .ToHashSet();
        foreach (var pending in db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added))
        {
            told.Add((pending.Entity.UserId, pending.Entity.DedupeKey));
        }

        var added = 0;
        var newTopics = new Dictionary<Guid, EmailTopics>();
        foreach (var message in messages.DistinctBy(m => m.DedupeKey))
        {
            foreach (var user in recipients.Distinct())
            {
                if (told.Add((user, message.DedupeKey)))
                {
                    db.Notifications.Add(Notification.Create(db.CurrentSchoolId, user, message, now));
                    newTopics[user] = newTopics.GetValueOrDefault(user) | EmailTopicWords.Of(message.DedupeKey);
                    added++;
                }
            }
        }

        await QueueEmailsAsync(newTopics, now, ct);
        return added;
    }

    /// <summary>
    /// One email to each person who asked to be emailed about one of these topics and has no email still waiting
    /// to go (one "you have something to read" is enough until it has gone), saved with the notifications.
    /// </summary>
    private async Task QueueEmailsAsync(Dictionary<Guid, EmailTopics> topics, DateTime now, CancellationToken ct)
    {
        if (topics.Count == 0)
        {
            return;
        }

        var users = topics.Keys.ToList();
        var choices = await db.EmailChoices.AsNoTracking().Where(c => users.Contains(c.UserId)).ToListAsync(ct);
        var wanting = choices.Where(c => (c.Topics & topics[c.UserId]) != EmailTopics.None).ToList();
        if (wanting.Count == 0)
        {
            return;
        }

        var wantingUsers = wanting.Select(c => c.UserId).ToList();
        var waiting = (await db.OutgoingEmails.AsNoTracking()
                .Where(e => wantingUsers.Contains(e.UserId) && e.SentAt == null && e.GaveUpAt == null)
                .Select(e => e.UserId)
                .ToListAsync(ct))
            .Concat(db.ChangeTracker.Entries<OutgoingEmail>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.UserId))
            .ToHashSet();
        foreach (var choice in wanting.Where(c => !waiting.Contains(c.UserId)))
        {
            db.OutgoingEmails.Add(OutgoingEmail.For(db.CurrentSchoolId, choice.UserId, choice.Address, now));
        }
    }

    /// <summary>Everyone in this school who holds <paramref name="role"/>: the people a message "for the Head of Therapy" goes to.</summary>
    public async Task<IReadOnlyCollection<Guid>> UsersWithRoleAsync(Role role, CancellationToken ct = default) =>
        await db.Memberships.AsNoTracking().Where(m => m.Role == role).Select(m => m.UserId).Distinct().ToListAsync(ct);

    /// <summary>Forgets notifications queued but not saved (after another instance saved the same ones first).</summary>
    public void DiscardQueued()
    {
        foreach (var pending in db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).ToList())
        {
            pending.State = EntityState.Detached;
        }

        foreach (var pending in db.ChangeTracker.Entries<OutgoingEmail>().Where(e => e.State == EntityState.Added).ToList())
        {
            pending.State = EntityState.Detached;
        }
    }
}

/// <summary>The signed-in user's notifications in their current school: the header's unread count, the page and the API.</summary>
public sealed class MyNotifications(SecureBaseDb db, CurrentUser user)
{
    public const int PageSize = 100;

    // Run for the header of every page: compiled once (EF's preparing of the LINQ query was a measurable share of a page's CPU).
    private static readonly PerModel<Func<SecureBaseDb, Guid, List<SchoolAction?>, Task<int>>> CountUnread = new(() => EF.CompileAsyncQuery(
        (SecureBaseDb db, Guid me, List<SchoolAction?> allowed) => db.Notifications
            .Count(n => n.UserId == me && (n.RequiredAction == null || allowed.Contains(n.RequiredAction)) && n.ReadAt == null)));

    /// <summary>One query, for the header on every page (the same notifications as <see cref="LatestAsync"/>'s, unread).</summary>
    /// <remarks>Not read again when the page has counted it with its other counts (the home page: <see cref="Unread"/>, <see cref="KnowUnread"/>) and saved nothing since.</remarks>
    public Task<int> UnreadCountAsync(CancellationToken ct = default) =>
        !user.HasSchool ? Task.FromResult(0)
        : db.KeptRead(typeof(UnreadCount)) is UnreadCount known ? Task.FromResult(known.Count)
        : CountUnread.For(db)(db, user.UserId, Allowed());

    /// <summary>The user's unread notifications, for a page that counts them in one command with its other counts.</summary>
    public IQueryable<Notification> Unread() => Mine().Where(n => n.ReadAt == null);

    /// <summary>The count of <see cref="Unread"/> read by the page: the header shows it without asking again (unless the request saves something first).</summary>
    public void KnowUnread(int count) => db.KeepRead(typeof(UnreadCount), new UnreadCount(count));

    private sealed record UnreadCount(int Count);

    /// <summary>The latest <see cref="PageSize"/> notifications, newest first.</summary>
    public async Task<IReadOnlyList<Notification>> LatestAsync(CancellationToken ct = default) =>
        await Mine().AsNoTracking().OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);

    /// <summary>Marks one of the user's own notifications read; another person's is "not found".</summary>
    public async Task<Notification?> MarkReadAsync(NotificationId id, DateTime now, CancellationToken ct = default)
    {
        var notification = await Mine().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null)
        {
            return null;
        }

        notification.MarkRead(now);
        await db.SaveChangesAsync(ct);
        return notification;
    }

    public Task<int> MarkAllReadAsync(DateTime now, CancellationToken ct = default) =>
        Mine().Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);

    // The school filter applies as well: only this school's notifications for this user, and only
    // those their roles still let them read.
    private IQueryable<Notification> Mine()
    {
        var me = user.UserId;
        var allowed = Allowed();
        return db.Notifications.Where(n => n.UserId == me && (n.RequiredAction == null || allowed.Contains(n.RequiredAction)));
    }

    private List<SchoolAction?> Allowed() => Enum.GetValues<SchoolAction>().Where(user.Can).Select(a => (SchoolAction?)a).ToList();
}
