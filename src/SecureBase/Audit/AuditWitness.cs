using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;

namespace SecureBase.Audit;

/// <summary>
/// One line of the witness file: at <see cref="At"/> (UTC) an instance of SecureBase saw the end of
/// the audit chain <see cref="Chain"/> at entry <see cref="Sequence"/>, whose hash was <see cref="Hash"/>.
/// </summary>
public sealed record WitnessedHead(string Chain, long Sequence, string Hash, DateTime At);

/// <summary>What the witness file holds: its sealed lines, and the numbers of any line whose seal is broken.</summary>
public sealed record WitnessReading(bool FileExists, IReadOnlyList<WitnessedHead> Heads, IReadOnlyList<int> BrokenLines);

/// <summary>
/// A record of the audit chain's end kept outside the database: <c>audit-witness.log</c> in the data
/// folder, one line per observation, each sealed with an HMAC under a key derived from the audit key
/// (which is not in the database either). The chain alone cannot show that its newest entries were
/// cut off when the chain-head row is rewound with them; a witnessed head can: the database must still
/// hold that entry, with that hash. See ADR 0006 for what this does and does not detect.
/// </summary>
/// <remarks>
/// Lines are independent observations: several instances (on one PostgreSQL database) may append to
/// the same file, or their files may be joined, in any order. The file is only ever appended to.
/// </remarks>
public sealed class AuditWitness
{
    public const string FileName = "audit-witness.log";

    /// <summary>The one chain of an installation (ADR 0006). Lines of other chains are checked for their seal and otherwise skipped.</summary>
    public const string GlobalChain = "global";

    private const string Version = "v1";
    private readonly byte[] _key;

    public AuditWitness(AuditKey key, string dataFolder)
    {
        _key = key.Derive("SecureBase audit witness v1");
        FilePath = Path.Combine(dataFolder, FileName);
    }

    public string FilePath { get; }

    /// <summary>The chain's head as committed now: what a witness line records.</summary>
    public static async Task<WitnessedHead> HeadAsync(SecureBaseDb db, DateTime now, CancellationToken ct = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, ct);
        return new WitnessedHead(GlobalChain, head.LastSequence, head.LastHash, now);
    }

    /// <summary>Appends one sealed line. Writers in other processes are kept out by an exclusive lock while it is written.</summary>
    public async Task AppendAsync(WitnessedHead head, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetBytes(Format(head) + "\n");
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on Unix, so two instances sharing the
                // folder never interleave their lines.
                await using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                if (file.Length == 0 && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                await file.WriteAsync(bytes, ct);
                await file.FlushAsync(ct);
                return;
            }
            catch (IOException) when (attempt < 50 && File.Exists(FilePath))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            }
        }
    }

    public async Task<WitnessReading> ReadAsync(CancellationToken ct = default)
    {
        string text;
        try
        {
            await using var file = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(file, Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new WitnessReading(false, [], []);
        }

        var lines = text.Split('\n');
        var heads = new List<WitnessedHead>();
        var broken = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            // The last piece has no line end: empty, or a line still being written (or cut short by a crash).
            if (i == lines.Length - 1)
            {
                break;
            }

            if (Parse(lines[i]) is { } head)
            {
                heads.Add(head);
            }
            else
            {
                broken.Add(i + 1);
            }
        }

        return new WitnessReading(true, heads, broken);
    }

    private string Format(WitnessedHead h)
    {
        var body = string.Join('\t', Version, h.Chain, h.Sequence.ToString(CultureInfo.InvariantCulture), h.Hash,
            h.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        return body + "\t" + Seal(body);
    }

    private WitnessedHead? Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length != 6 || parts[0] != Version)
        {
            return null;
        }

        var body = line[..line.LastIndexOf('\t')];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Seal(body)), Encoding.ASCII.GetBytes(parts[5]))
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !DateTime.TryParseExact(parts[4], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }

        return new WitnessedHead(parts[1], sequence, parts[3], at);
    }

    private string Seal(string body) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body)));
}

/// <summary>
/// Witnesses the audit chain's head when the application has started, every few minutes while the
/// head moves, and when the application stops. <c>SecureBase:AuditWitnessMinutes</c> sets the interval; 0 turns it off.
/// </summary>
internal sealed class AuditWitnessSchedule(
    IServiceScopeFactory scopes,
    AuditWitness witness,
    IOptions<SecureBaseOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<AuditWitnessSchedule> logger) : BackgroundService
{
    // Never disposed: a witness still being written at shutdown must be able to release it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _lastWritten;

    private TimeSpan Interval => TimeSpan.FromMinutes(options.Value.AuditWitnessMinutes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero || !await StartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await WitnessAsync(stoppingToken);
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interval > TimeSpan.Zero)
        {
            await WitnessAsync(cancellationToken);
        }
    }

    private async Task WitnessAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var head = await AuditWitness.HeadAsync(scope.ServiceProvider.GetRequiredService<SecureBaseDb>(), clock.GetUtcNow().UtcDateTime, ct);
            if (_lastWritten == (head.Sequence, head.Hash))
            {
                return; // the line already written still says all there is to say
            }

            await witness.AppendAsync(head, ct);
            _lastWritten = (head.Sequence, head.Hash);
        }
        catch (ObjectDisposedException)
        {
            // The host is already torn down (a process that disposed it without stopping it first): there is no
            // database left to read the head from, and the last witness written still stands. Nothing to warn about.
            logger.LogDebug("The application was disposed before the audit log's head could be witnessed again");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The audit log's head could not be witnessed in {File}; will try again", witness.FilePath);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
