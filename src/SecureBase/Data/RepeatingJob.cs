namespace SecureBase.Data;

/// <summary>
/// A scheduled job's loop: once the application has started (after migrations and the demo school), run the work, then
/// wait <see cref="Interval"/> on the application's clock, until the application stops. A failure is logged and tried
/// again next time; nothing runs when <c>SecureBase:BackgroundJobs</c> is false (the tests call the work directly).
/// Jobs that must run once per period across instances claim it inside their work with <see cref="JobLeases"/>.
/// </summary>
public abstract class RepeatingJob(IConfiguration configuration, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The application's clock, for the work's own "now".</summary>
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log says when a run fails ("… will be tried again …").</summary>
    protected abstract string FailureMessage { get; }

    protected abstract Task RunAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("SecureBase:BackgroundJobs", defaultValue: true))
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
#pragma warning disable CA2254 // The message is each job's own constant.
                logger.LogError(e, FailureMessage);
#pragma warning restore CA2254
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
