using System.Globalization;
using System.Text;
using System.Text.Json;
using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Reading;

/// <summary>
/// Reads an instance file (FORMAT.md, format version 1) and refuses, with a message naming the problem and where it is,
/// anything that is not one: a missing, empty or oversized file, malformed JSON, a wrong field type, an unknown or
/// duplicate id, a group across sites. Fields the format does not list are ignored.
/// </summary>
public static class InstanceReader
{
    /// <summary>
    /// The largest instance file read: 16 MiB. A local authority's week (40 sites, 2,000 sessions) is about 1 MB,
    /// so this leaves room to grow while refusing a runaway or wrong file before it is loaded into memory.
    /// </summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    private const int MaxErrors = 20;

    public static async Task<InstanceReadResult> ReadFileAsync(
        string path, long maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            return InstanceReadResult.Fail(SchedulingErrorKind.Unreadable, "", $"The instance file {path} is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            return InstanceReadResult.Fail(SchedulingErrorKind.Unreadable, "", $"The instance file {path} does not exist.");
        }

        byte[] bytes;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                return TooLarge(path, stream.Length, maxBytes);
            }

            // Read at most one byte past the limit, so a file that grows or cannot report its length is still refused.
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return TooLarge(path, buffer.Length, maxBytes);
                }
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return InstanceReadResult.Fail(SchedulingErrorKind.Unreadable, "", $"The instance file {path} cannot be read: {e.Message}");
        }

        return Parse(bytes, path);
    }

    public static InstanceReadResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json), "the instance");

    /// <param name="utf8Json">The file's bytes (a UTF-8 byte-order mark is allowed).</param>
    /// <param name="source">How to name the input in messages, usually its path.</param>
    public static InstanceReadResult Parse(ReadOnlyMemory<byte> utf8Json, string source)
    {
        var span = utf8Json.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
            span = utf8Json.Span;
        }

        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return InstanceReadResult.Fail(SchedulingErrorKind.Unreadable, "", $"The instance file {source} is empty.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, position {((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : "";
            return InstanceReadResult.Fail(
                SchedulingErrorKind.MalformedJson, "", $"The instance file {source} is not valid JSON{where}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var shape = new ShapeReader();
            var instance = shape.Read(document.RootElement);
            if (shape.Errors.Count > 0 || instance is null)
            {
                return new InstanceReadResult(null, shape.Errors);
            }

            var errors = InstanceValidator.Validate(instance);
            return errors.Count > 0 ? new InstanceReadResult(null, errors) : new InstanceReadResult(instance, []);
        }
    }

    private static InstanceReadResult TooLarge(string path, long length, long maxBytes) =>
        InstanceReadResult.Fail(
            SchedulingErrorKind.Unreadable,
            "",
            $"The instance file {path} is too large ({Megabytes(length)} or more); the limit is {Megabytes(maxBytes)}.");

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024
            ? $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB"
            : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: ..." (or just "LineNumber: ..."), which repeats what we already say.
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.Trim();
    }

    /// <summary>Turns the JSON tree into the model, noting every field of the wrong type or missing.</summary>
    private sealed class ShapeReader
    {
        public List<SchedulingError> Errors { get; } = [];

        public ScheduleInstance? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("", $"The instance must be a JSON object, not {Describe(root.ValueKind)}.");
                return null;
            }

            if (!root.TryGetProperty("formatVersion", out var version))
            {
                Error("formatVersion", "is missing; this reader understands format version 1.");
                return null;
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SchedulingLibrary.FormatVersion)
            {
                Error("formatVersion", $"is {version.GetRawText()}; this reader understands format version 1 only.");
                return null;
            }

            var name = OptionalString(root, "name", "") ?? "";
            var weights = ReadWeights(root);
            var slots = ReadArray(root, "slots", ReadSlot);
            var rooms = ReadArray(root, "rooms", ReadRoom);
            var practitioners = ReadArray(root, "practitioners", ReadPractitioner);
            var pupils = ReadArray(root, "pupils", ReadPupil);
            var sessions = ReadArray(root, "sessions", ReadSession);
            return Errors.Count > 0 ? null : new ScheduleInstance(name, weights, slots, rooms, practitioners, pupils, sessions);
        }

        private CostWeights ReadWeights(JsonElement root)
        {
            if (!root.TryGetProperty("weights", out var w) || w.ValueKind == JsonValueKind.Null)
            {
                return CostWeights.Default;
            }

            if (w.ValueKind != JsonValueKind.Object)
            {
                Error("weights", $"must be an object, not {Describe(w.ValueKind)}.");
                return CostWeights.Default;
            }

            var d = CostWeights.Default;
            return new CostWeights(
                Weight(w, "unplaced", d.Unplaced),
                Weight(w, "slotChange", d.SlotChange),
                Weight(w, "roomChange", d.RoomChange),
                Weight(w, "nonDedicatedRoom", d.NonDedicatedRoom),
                Weight(w, "avoidedSlot", d.AvoidedSlot),
                Weight(w, "extraRoomPerDay", d.ExtraRoomPerDay));
        }

        private int Weight(JsonElement weights, string field, int fallback)
        {
            if (!weights.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return fallback;
            }

            // A cap keeps every total within a long and the search's arithmetic exact.
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < 0 || n > 1_000_000)
            {
                Error($"weights.{field}", $"must be a whole number from 0 to 1000000, not {value.GetRawText()}.");
                return fallback;
            }

            return n;
        }

        private Slot ReadSlot(JsonElement e, string path) =>
            new(Id(e, path), RequiredString(e, "day", path), OptionalString(e, "start", path), OptionalString(e, "end", path));

        private Room ReadRoom(JsonElement e, string path) =>
            new(
                Id(e, path),
                RequiredString(e, "site", path),
                OptionalBool(e, "dedicated", path),
                StringList(e, "features", path, required: false),
                StringList(e, "unavailable", path, required: false),
                OptionalString(e, "name", path));

        private Practitioner ReadPractitioner(JsonElement e, string path) =>
            new(Id(e, path), StringList(e, "available", path, required: true), OptionalString(e, "name", path));

        private Pupil ReadPupil(JsonElement e, string path) =>
            new(
                Id(e, path),
                RequiredString(e, "site", path),
                StringList(e, "unavailable", path, required: false),
                StringList(e, "avoid", path, required: false),
                OptionalString(e, "name", path));

        private TherapySession ReadSession(JsonElement e, string path)
        {
            var id = Id(e, path);
            var practitioner = RequiredString(e, "practitioner", path);
            var pupils = StringList(e, "pupils", path, required: true);
            var requires = StringList(e, "requires", path, required: false);
            PreviousPlacement? previous = null;
            if (e.TryGetProperty("previous", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                if (p.ValueKind != JsonValueKind.Object)
                {
                    Error($"{path}.previous", $"must be an object with \"slot\" and/or \"room\", not {Describe(p.ValueKind)}.");
                }
                else
                {
                    var slot = OptionalString(p, "slot", $"{path}.previous");
                    var room = OptionalString(p, "room", $"{path}.previous");
                    previous = slot is null && room is null ? null : new PreviousPlacement(slot, room);
                }
            }

            return new TherapySession(id, practitioner, pupils, requires, previous);
        }

        private List<T> ReadArray<T>(JsonElement root, string field, Func<JsonElement, string, T> readItem)
        {
            var list = new List<T>();
            if (!root.TryGetProperty(field, out var array))
            {
                Error(field, "is missing.");
                return list;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(field, $"must be an array, not {Describe(array.ValueKind)}.");
                return list;
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Error(path, $"must be an object, not {Describe(item.ValueKind)}.");
                }
                else
                {
                    list.Add(readItem(item, path));
                }

                i++;
                if (Errors.Count >= MaxErrors)
                {
                    break;
                }
            }

            return list;
        }

        private string Id(JsonElement e, string path)
        {
            var id = RequiredString(e, "id", path);
            if (id.Length == 0 && Errors.Count < MaxErrors)
            {
                Error($"{path}.id", "must not be empty.");
            }

            return id;
        }

        private string RequiredString(JsonElement e, string field, string path)
        {
            if (!e.TryGetProperty(field, out var value))
            {
                Error(path, $"has no \"{field}\".");
                return "";
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error($"{path}.{field}", $"must be a string, not {Describe(value.ValueKind)}.");
                return "";
            }

            return value.GetString()!;
        }

        private string? OptionalString(JsonElement e, string field, string path)
        {
            if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error(path.Length == 0 ? field : $"{path}.{field}", $"must be a string, not {Describe(value.ValueKind)}.");
                return null;
            }

            return value.GetString();
        }

        private bool OptionalBool(JsonElement e, string field, string path)
        {
            if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error($"{path}.{field}", $"must be true or false, not {value.GetRawText()}.");
                return false;
            }

            return value.GetBoolean();
        }

        private string[] StringList(JsonElement e, string field, string path, bool required)
        {
            if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error(path, $"has no \"{field}\" list.");
                }

                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error($"{path}.{field}", $"must be a list of strings, not {Describe(value.ValueKind)}.");
                return [];
            }

            var result = new string[value.GetArrayLength()];
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Error($"{path}.{field}[{i.ToString(CultureInfo.InvariantCulture)}]", $"must be a string, not {Describe(item.ValueKind)}.");
                    return [];
                }

                result[i++] = item.GetString()!;
            }

            return result;
        }

        private void Error(string where, string message)
        {
            if (Errors.Count < MaxErrors)
            {
                Errors.Add(new SchedulingError(SchedulingErrorKind.Invalid, where, message));
            }
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            JsonValueKind.Null => "null",
            JsonValueKind.Undefined => "nothing",
            _ => "something else",
        };
    }
}
