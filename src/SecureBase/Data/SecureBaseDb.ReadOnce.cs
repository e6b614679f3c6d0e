namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    private Dictionary<(Common.SchoolId School, object Key), object>? _readOnce;

    /// <summary>
    /// Reads something at most once per request (per context) for pages that only read it: the home page's task lists
    /// and the board in every page's header ask for the school's calendar and a practitioner's open episodes several
    /// times. The one store of such reads: kept per school and key, and forgotten, all of it, as soon as the context
    /// saves anything, so a change made in the same request is never hidden. Bulk updates
    /// (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>) do not clear it: read with <paramref name="read"/> directly around them.
    /// </summary>
    internal async Task<T> ReadOnceAsync<T>(object key, Func<CancellationToken, Task<T>> read, CancellationToken ct)
        where T : class
    {
        var slot = (CurrentSchoolId, key);
        if (_readOnce is null)
        {
            _readOnce = [];
            SavedChanges += (_, _) => _readOnce.Clear();
        }
        else if (_readOnce.TryGetValue(slot, out var kept))
        {
            return (T)kept;
        }

        var value = await read(ct);
        _readOnce[slot] = value;
        return value;
    }

    /// <summary>
    /// Keeps a value read some other way (in one command with other reads) as though <see cref="ReadOnceAsync"/> had
    /// read it: forgotten, like the rest, as soon as the context saves anything.
    /// </summary>
    internal void KeepRead(object key, object value)
    {
        if (_readOnce is null)
        {
            _readOnce = [];
            SavedChanges += (_, _) => _readOnce.Clear();
        }

        _readOnce[(CurrentSchoolId, key)] = value;
    }

    /// <summary>What <see cref="KeepRead"/> (or <see cref="ReadOnceAsync"/>) kept under <paramref name="key"/> and nothing has saved since, or null.</summary>
    internal object? KeptRead(object key) => _readOnce?.GetValueOrDefault((CurrentSchoolId, key));
}
