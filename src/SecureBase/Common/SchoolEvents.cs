namespace SecureBase.Common;

/// <summary>
/// Something that happened in a school that other modules may care about ("an episode of therapy
/// opened", "a session was recorded"). The entity that owns the rule raises it; the modules that
/// have a side effect to add (tell someone, release a timetable slot, put an item on the MDT
/// agenda) handle it. One change, one place that says what follows from it.
/// </summary>
public interface ISchoolEvent;

/// <summary>
/// A module's handler for an event. Handlers run inside the SaveChanges that saves the change which
/// raised the event, before anything is written, so the change and everything that follows from it
/// commit together or not at all. A handler may change other entities, which may raise further events.
/// </summary>
public interface IHandles<in TEvent> where TEvent : ISchoolEvent
{
    Task HandleAsync(TEvent happened, CancellationToken ct);
}

/// <summary>An entity that raises events as its rules change its state.</summary>
public abstract class RaisesEvents
{
    private readonly List<ISchoolEvent> _events = [];

    protected void Raise(ISchoolEvent happened) => _events.Add(happened);

    /// <summary>The events raised since the last save, handed over once.</summary>
    internal IReadOnlyList<ISchoolEvent> TakeEvents()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }
}

/// <summary>
/// Hands each raised event to every module's handler for it. Scoped: handlers share the request's
/// database context, so what they change is saved with the change that raised the event.
/// </summary>
public sealed class SchoolEventDispatcher(IServiceProvider services)
{
    /// <summary>How many rounds of events one save may cause before it is treated as a bug (a loop between handlers).</summary>
    private const int MaxRounds = 10;

    public async Task DispatchAsync(Func<IReadOnlyList<ISchoolEvent>> takePending, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var pending = takePending();
            if (pending.Count == 0)
            {
                return;
            }

            foreach (var happened in pending)
            {
                await HandlerFor(happened.GetType())(services, happened, ct);
            }
        }

        throw new InvalidOperationException("Events kept raising further events; this is a bug, nothing was saved.");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<IServiceProvider, ISchoolEvent, CancellationToken, Task>> Handlers = new();

    private static Func<IServiceProvider, ISchoolEvent, CancellationToken, Task> HandlerFor(Type eventType) =>
        Handlers.GetOrAdd(eventType, t => typeof(SchoolEventDispatcher)
            .GetMethod(nameof(HandleAllAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(t)
            .CreateDelegate<Func<IServiceProvider, ISchoolEvent, CancellationToken, Task>>());

    private static async Task HandleAllAsync<TEvent>(IServiceProvider services, ISchoolEvent happened, CancellationToken ct) where TEvent : ISchoolEvent
    {
        foreach (var handler in services.GetServices<IHandles<TEvent>>())
        {
            await handler.HandleAsync((TEvent)happened, ct);
        }
    }
}
