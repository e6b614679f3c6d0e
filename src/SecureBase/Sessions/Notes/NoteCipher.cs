using System.Security.Cryptography;
using System.Text;
using SecureBase.Common;

namespace SecureBase.Sessions.Notes;

/// <summary>A note's text sealed under a key: the key's id and nonce ‖ ciphertext ‖ tag.</summary>
internal sealed record SealedText(string KeyId, byte[] Bytes);

/// <summary>A note key: its id (stored beside each ciphertext) and 32 bytes of AES-256 key.</summary>
internal sealed record NoteKey(string Id, byte[] Bytes);

/// <summary>
/// The note keys, kept outside the database: from configuration (<c>SecureBase:NoteKeys</c>, entries
/// <c>id:base64</c> separated by commas, the last one current) or else <c>note-keys.key</c> in the data
/// folder (one <c>id base64</c> line per key, the last one current), created on first use and readable
/// by its owner only. The file is read again whenever it changes, so a running application picks up
/// a key added by <c>rotate-note-key</c> before its next note.
/// </summary>
internal sealed class NoteKeys
{
    public const string FileName = "note-keys.key";
    private readonly IReadOnlyList<NoteKey>? _configured;
    private readonly Lock _lock = new();
    private (DateTime Stamp, IReadOnlyList<NoteKey> Keys)? _fromFile;

    public NoteKeys(string? configured, string dataFolder)
    {
        DataFolder = dataFolder;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _configured = configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e =>
            {
                var parts = e.Split(':', 2);
                return parts.Length == 2 ? Make(parts[0], parts[1]) : throw new InvalidOperationException("SecureBase:NoteKeys must be entries of the form id:base64-key separated by commas (the last one current).");
            }).ToList();
            if (_configured.Count == 0)
            {
                throw new InvalidOperationException("SecureBase:NoteKeys is set but holds no key.");
            }
        }
    }

    public string DataFolder { get; }
    public string FilePath => Path.Combine(DataFolder, FileName);

    /// <summary>Whether the keys come from configuration (rotation then means adding a key there).</summary>
    public bool FromConfiguration => _configured is not null;

    internal IReadOnlyList<NoteKey> All
    {
        get
        {
            if (_configured is not null)
            {
                return _configured;
            }

            lock (_lock)
            {
                if (!File.Exists(FilePath))
                {
                    WriteFile([NewKey()]);
                }

                var stamp = File.GetLastWriteTimeUtc(FilePath);
                if (_fromFile is not { } cached || cached.Stamp != stamp)
                {
                    var keys = File.ReadAllLines(FilePath).Where(l => l.Trim().Length > 0).Select(l =>
                    {
                        var parts = l.Trim().Split(' ', 2);
                        return parts.Length == 2 ? Make(parts[0], parts[1]) : throw new InvalidOperationException($"{FilePath} is damaged: each line must be 'id base64-key'.");
                    }).ToList();
                    if (keys.Count == 0)
                    {
                        throw new InvalidOperationException($"{FilePath} holds no key.");
                    }

                    _fromFile = (stamp, keys);
                }

                return _fromFile.Value.Keys;
            }
        }
    }

    internal NoteKey Current => All[^1];

    internal NoteKey? Find(string id) => All.FirstOrDefault(k => k.Id == id);

    /// <summary>Adds a new key to the key file and makes it current; returns its id.</summary>
    internal string AddKey()
    {
        if (_configured is not null)
        {
            throw new InvalidOperationException("The note keys are set in configuration (SecureBase:NoteKeys).");
        }

        lock (_lock)
        {
            var keys = All.ToList();
            var key = NewKey();
            keys.Add(key);
            WriteFile(keys);
            _fromFile = null;
            return key.Id;
        }
    }

    /// <summary>Removes keys from the key file (never the current one).</summary>
    internal void Remove(IReadOnlyCollection<string> ids)
    {
        lock (_lock)
        {
            var keys = All.ToList();
            var current = keys[^1];
            keys.RemoveAll(k => ids.Contains(k.Id) && k != current);
            WriteFile(keys);
            _fromFile = null;
        }
    }

    private static NoteKey NewKey() => new("k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), RandomNumberGenerator.GetBytes(32));

    private static NoteKey Make(string id, string base64)
    {
        var bytes = Convert.FromBase64String(base64.Trim());
        return bytes.Length == 32 ? new NoteKey(id.Trim(), bytes) : throw new InvalidOperationException($"Note key '{id}' must be 32 bytes (base64).");
    }

    private void WriteFile(IReadOnlyList<NoteKey> keys)
    {
        Directory.CreateDirectory(DataFolder);
        var temp = FilePath + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by its owner only, from the moment it exists.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            foreach (var k in keys)
            {
                writer.WriteLine($"{k.Id} {Convert.ToBase64String(k.Bytes)}");
            }
        }

        File.Move(temp, FilePath, overwrite: true);
    }
}

/// <summary>
/// AES-GCM for note text: a random 12-byte nonce per encryption, and associated data binding the
/// ciphertext to its note, version and key, so a row copied onto another note or version does not open.
/// </summary>
internal sealed class NoteCipher(NoteKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public SealedText Seal(SessionNoteId note, int number, string text)
    {
        var key = keys.Current;
        var plain = Encoding.UTF8.GetBytes(text);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Associated(note, number, key.Id));
        CryptographicOperations.ZeroMemory(plain);
        return new SealedText(key.Id, output);
    }

    /// <summary>The text, or a plain error: the key is missing, or the ciphertext was altered or moved.</summary>
    public Result<string> Open(SessionNoteId note, int number, string keyId, byte[] sealedBytes)
    {
        if (keys.Find(keyId) is not { } key)
        {
            return new Error.Conflict($"This note was sealed with key '{keyId}', which this installation does not have, so it cannot be read. Put the note key back ({NoteKeys.FileName} in the data folder, or SecureBase:NoteKeys) and open it again.");
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return Damaged();
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Associated(note, number, keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Damaged();
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Re-seals a version under the current key (rotation).</summary>
    internal Result<SealedText> Reseal(NoteVersion version)
    {
        var text = Open(version.NoteId, version.Number, version.KeyId, version.Ciphertext);
        return text.IsSuccess ? Seal(version.NoteId, version.Number, text.Value) : text.Error!;
    }

    internal string CurrentKeyId => keys.Current.Id;

    private static Error Damaged() =>
        new Error.Conflict("This note's stored text failed its integrity check (it was altered or moved in the database), so it is not shown. Tell the person who looks after SecureBase.");

    private static byte[] Associated(SessionNoteId note, int number, string keyId) =>
        Encoding.UTF8.GetBytes($"SecureBase.SessionNote|{note}|{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{keyId}");
}
