using System.Text.Json;
using SecureBase.Scheduling.Model;

namespace SecureBase.Scheduling.Solutions;

/// <summary>
/// Writes and reads solution files (FORMAT.md "Solution"). The writer's output depends only on the solution
/// (fixed field order, placements in the order given, LF line ends), so equal solutions give byte-identical files.
/// </summary>
public static class SolutionJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, NewLine = "\n" };

    public static byte[] Write(ScheduleSolution solution)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", SchedulingLibrary.FormatVersion);
            json.WriteString("instance", solution.Instance);
            json.WriteStartArray("placements");
            foreach (var placement in solution.Placements)
            {
                json.WriteStartObject();
                json.WriteString("session", placement.Session);
                json.WriteString("slot", placement.Slot);
                json.WriteString("room", placement.Room);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("unplaced");
            foreach (var unplaced in solution.Unplaced)
            {
                json.WriteStartObject();
                json.WriteString("session", unplaced.Session);
                json.WriteString("reason", unplaced.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("cost", solution.Cost);
            if (solution.Proof is { } proof)
            {
                json.WriteStartObject("proof");
                json.WriteBoolean("optimal", proof.Optimal);
                json.WriteNumber("bound", proof.Bound);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a solution file; unknown fields are ignored. Returns null and a message when it is not a version-1 solution.</summary>
    public static ScheduleSolution? Read(ReadOnlyMemory<byte> utf8Json, out SchedulingError? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("formatVersion", out var version)
                || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v)
                || v != SchedulingLibrary.FormatVersion)
            {
                error = Invalid("", "A solution must be an object with \"formatVersion\": 1.");
                return null;
            }

            var instance = root.TryGetProperty("instance", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
            var placements = new List<Placement>();
            foreach (var item in Items(root, "placements"))
            {
                placements.Add(new Placement(Text(item, "session"), Text(item, "slot"), Text(item, "room")));
            }

            var unplaced = new List<UnplacedSession>();
            foreach (var item in Items(root, "unplaced"))
            {
                unplaced.Add(new UnplacedSession(Text(item, "session"), Text(item, "reason")));
            }

            if (!root.TryGetProperty("cost", out var cost) || !cost.TryGetInt64(out var total))
            {
                error = Invalid("cost", "A solution must state its cost as a whole number.");
                return null;
            }

            SolutionProof? proof = null;
            if (root.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("bound", out var bound) && bound.TryGetInt64(out var b)
                && p.TryGetProperty("optimal", out var optimal) && optimal.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                proof = new SolutionProof(b, optimal.GetBoolean());
            }

            return new ScheduleSolution(instance, placements, unplaced, total, proof);
        }
        catch (JsonException e)
        {
            error = new SchedulingError(SchedulingErrorKind.MalformedJson, "", $"The solution is not valid JSON: {e.Message}");
            return null;
        }
        catch (FormatException e)
        {
            error = Invalid("", e.Message);
            return null;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"A solution must have a \"{field}\" list.");
        }

        return array.EnumerateArray();
    }

    private static string Text(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"Every entry of a solution needs a \"{field}\" string.");

    private static SchedulingError Invalid(string where, string message) => new(SchedulingErrorKind.Invalid, where, message);
}
