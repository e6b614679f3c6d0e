using System.Threading.Channels;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>
/// Appends audit entries that describe no change of their own (every call an API client makes, a refused token) in
/// groups: each caller waits until its entry is committed, as before, but the entries that arrive while one group is
/// being written go together in the next, under one lock of the chain head and one commit. Every API call is audited,
/// so one append and commit per call held the chain head for every call in turn: under load, calls queued on it.
/// </summary>
/// <remarks>
/// Nothing is acknowledged before it is committed: a caller's task completes only after the commit of the group
/// holding its entry, and fails if that commit fails (the whole group is then written again one by one, so one
/// entry that cannot be saved does not take the others with it). Entries of a change are still saved with the change
/// (<see cref="AuditLog.Record(string, string?, string?, string?, string?)"/>).
/// </remarks>
public sealed class AuditAppender : IAsyncDisposable
{
    /// <summary>At most this many entries in one commit.</summary>
    internal const int MaxGroup = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AuditAppender(IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Appends an entry, timed now; completes once it is committed.</summary>
    public Task AppendAsync(AuditActor actor, string action, string? recordType, string? recordId, string? detail) =>
        AppendAsync(AuditEntry.Create(_clock.GetUtcNow().UtcDateTime, actor, action, recordType, recordId, null, detail));

    internal Task AppendAsync(AuditEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            // Shutting down: written alone, still before the caller goes on.
            return SaveAsync([pending]);
        }

        return pending.Done.Task;
    }

    private async Task WriteAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            try
            {
                await SaveAsync(group);
            }
            catch (Exception)
            {
                // One entry that cannot be saved must not fail the others: each is tried alone, and fails alone.
                foreach (var one in group)
                {
                    try
                    {
                        await SaveAsync([one]);
                    }
                    catch (Exception e)
                    {
                        one.Done.TrySetException(e);
                    }
                }
            }

            group.Clear();
        }
    }

    private async Task SaveAsync(IReadOnlyList<Pending> group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecureBaseDb>();
        db.AuditEntries.AddRange(group.Select(p => p.Entry));
        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var p in group)
        {
            p.Done.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Done);
}
