using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureBase.Data;

/// <summary>A migration the backed-up database had applied, as <c>schema_migrations</c> records it.</summary>
internal sealed record BackupMigration(long Version, string Name, string Checksum);

/// <summary>
/// What a backup file says about itself, in clear text at its start (<c>head -c 2000 FILE</c> shows it):
/// the file format, the kind of database, its schema (every applied migration, newest last), the
/// installation it came from, when it was taken, and the size and SHA-256 of the payload that follows.
/// </summary>
internal sealed record BackupManifest(
    int Format,
    string Database,
    string Payload,
    long SchemaVersion,
    string SchemaName,
    IReadOnlyList<BackupMigration> Migrations,
    string InstallationId,
    DateTime TakenAt,
    long PayloadBytes,
    string PayloadSha256)
{
    public const int CurrentFormat = 1;

    /// <summary>The schema as the migration files name it: <c>202612041140 job_leases</c>.</summary>
    [JsonIgnore]
    public string SchemaLabel => $"{(SchemaVersion < 10_000 ? SchemaVersion.ToString("D4", CultureInfo.InvariantCulture) : SchemaVersion.ToString(CultureInfo.InvariantCulture))} {SchemaName}";

    [JsonIgnore]
    public DatabaseProvider Provider => Database == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static string DatabaseName(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
}

/// <summary>A backup or restore that cannot go ahead: one line saying why, for the operator. Nothing has been changed.</summary>
internal sealed class BackupRefusedException : Exception
{
    public BackupRefusedException()
    {
    }

    public BackupRefusedException(string message)
        : base(message)
    {
    }

    public BackupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The backup file: a first line naming the format, the manifest as one line of JSON, a line with
/// the manifest's SHA-256 (so a damaged header is told apart from another installation's), then the
/// payload (a gzipped SQLite database, or a <c>pg_dump --format=custom</c> archive). The payload's
/// SHA-256 and length are in the manifest: a truncated or altered file is refused before anything is restored.
/// </summary>
internal static class BackupFile
{
    public const string MagicLine = "SecureBase backup";
    public const string Extension = ".sbbackup";

    private const int MaxHeaderLine = 1 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>
    /// Writes header and payload to <paramref name="path"/> by way of <c>path.partial</c>, synced to disk
    /// before it takes its name, so a backup interrupted half-way never looks like a whole one. Readable by the owner only.
    /// </summary>
    public static async Task<BackupManifest> WriteAsync(string path, BackupManifest manifest, string payloadFile, CancellationToken ct)
    {
        string hash;
        long length;
        await using (var payload = File.OpenRead(payloadFile))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(payload, ct));
            length = payload.Length;
        }

        manifest = manifest with { PayloadBytes = length, PayloadSha256 = hash };
        var json = JsonSerializer.Serialize(manifest, Json);
        var header = $"{MagicLine} v{BackupManifest.CurrentFormat}\n{json}\nsha256:{Sha256(json)}\n";

        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var file = new FileStream(partial, options))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(header), ct);
                await using (var payload = File.OpenRead(payloadFile))
                {
                    await payload.CopyToAsync(file, ct);
                }

                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return manifest;
    }

    /// <summary>
    /// Reads and checks a backup file: the format line, the manifest and its seal, then the payload's
    /// length and SHA-256. Refuses (with one line saying what is wrong) a file that is not a backup,
    /// is truncated, or has been altered. Returns the manifest and where the payload starts.
    /// </summary>
    public static async Task<(BackupManifest Manifest, long PayloadOffset)> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"There is no backup file at {path}.");
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var magic = ReadLine(file, 64);
        if (magic is null || !magic.StartsWith(MagicLine + " v", StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"{path} is not a SecureBase backup file (it does not start with '{MagicLine}').");
        }

        if (!int.TryParse(magic.AsSpan(MagicLine.Length + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var format) || format > BackupManifest.CurrentFormat)
        {
            throw new BackupRefusedException($"{path} is a backup in a newer file format ({magic[MagicLine.Length..].Trim()}) than this version of SecureBase can read; restore it with a newer SecureBase.");
        }

        var json = ReadLine(file, MaxHeaderLine);
        var seal = ReadLine(file, 128);
        if (json is null || seal is null)
        {
            throw new BackupRefusedException($"The backup file {path} is incomplete: it ends inside its header. It cannot be restored.");
        }

        if (!string.Equals(seal, "sha256:" + Sha256(json), StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"The backup file {path} is damaged: its header does not match its checksum. It cannot be restored.");
        }

        BackupManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new BackupRefusedException($"The backup file {path} is damaged: its header cannot be read. It cannot be restored.", e);
        }

        if (manifest.Migrations is null || manifest.Database is null || manifest.InstallationId is null || manifest.PayloadSha256 is null || manifest.SchemaName is null)
        {
            throw new BackupRefusedException($"The backup file {path} is damaged: its header lacks what a backup must say about itself. It cannot be restored.");
        }

        var offset = file.Position;
        var length = file.Length - offset;
        if (length < manifest.PayloadBytes)
        {
            throw new BackupRefusedException(
                $"The backup file {path} is incomplete: it holds {length:N0} of the {manifest.PayloadBytes:N0} bytes of data it was written with (cut short while copying?). It cannot be restored.");
        }

        if (length > manifest.PayloadBytes)
        {
            throw new BackupRefusedException($"The backup file {path} is damaged: it holds {length - manifest.PayloadBytes:N0} bytes more than it was written with. It cannot be restored.");
        }

        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        if (!string.Equals(hash, manifest.PayloadSha256, StringComparison.Ordinal))
        {
            throw new BackupRefusedException($"The backup file {path} is damaged: its data does not match its SHA-256 checksum. It cannot be restored.");
        }

        return (manifest, offset);
    }

    /// <summary>Copies the payload (already checked by <see cref="ReadAsync"/>) to a file of its own, readable by the owner only.</summary>
    public static async Task ExtractPayloadAsync(string path, long offset, string destination, bool gunzip, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        file.Position = offset;
        await using var output = OwnerOnly(destination);
        if (gunzip)
        {
            await using var unzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            await unzip.CopyToAsync(output, ct);
        }
        else
        {
            await file.CopyToAsync(output, ct);
        }
    }

    /// <summary>A new file only its owner may read: backups and their pieces hold every child's record in clear.</summary>
    public static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>One line ended by '\n', read byte by byte so the stream is left at the next line; null at the end of the file or past <paramref name="max"/> bytes.</summary>
    private static string? ReadLine(Stream stream, int max)
    {
        var bytes = new List<byte>();
        while (bytes.Count <= max)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                try
                {
                    return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }
            }

            bytes.Add((byte)b);
        }

        return null;
    }
}
