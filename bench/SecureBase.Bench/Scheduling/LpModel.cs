using System.Globalization;
using System.Text;

namespace SecureBase.Bench.Scheduling;

/// <summary>
/// Writes an instance as a mixed-integer program in CPLEX LP format for CBC, straight from FORMAT.md:
/// x = session s in (slot, room), one per pair that rules 2-3 allow; u = session unplaced;
/// y = practitioner at a site on a day (rule 5, only for practitioners with more than one site);
/// z = practitioner uses a room on a day; e = that practitioner's extra rooms that day (at least rooms - 1).
/// </summary>
internal static class LpModel
{
    public static string Write(RawInstance instance)
    {
        var objective = new List<string>();
        var rows = new List<(string Name, List<string> Terms, string Sense, long Rhs)>();
        var binaries = new List<string>();
        var general = new List<string>();

        var byRoomSlot = new Dictionary<(string, string), List<string>>();
        var byPractitionerSlot = new Dictionary<(string, string), List<string>>();
        var byPupilSlot = new Dictionary<(string, string), List<string>>();
        var byPractitionerSlotRoom = new Dictionary<(string P, string Day, string Slot, string Room), List<string>>();
        var byPractitionerDaySite = new Dictionary<(string P, string Day, string Site, string Slot), List<string>>();

        var n = 0;
        foreach (var session in instance.Sessions)
        {
            var u = $"u{n++}";
            binaries.Add(u);
            objective.Add($"{instance.Weights["unplaced"]} {u}");
            var assign = new List<string> { u };
            foreach (var (slot, day, room) in instance.Allowed(session))
            {
                var x = $"x{n++}";
                binaries.Add(x);
                assign.Add(x);
                var cost = instance.PlacementCost(session, slot, room);
                if (cost != 0)
                {
                    objective.Add($"{cost} {x}");
                }

                Add(byRoomSlot, (room.Id, slot), x);
                Add(byPractitionerSlot, (session.Practitioner, slot), x);
                foreach (var pupil in session.Pupils)
                {
                    Add(byPupilSlot, (pupil, slot), x);
                }

                Add(byPractitionerSlotRoom, (session.Practitioner, day, slot, room.Id), x);
                Add(byPractitionerDaySite, (session.Practitioner, day, room.Site, slot), x);
            }

            rows.Add(($"one_{n}", assign, "=", 1));
        }

        var r = 0;
        foreach (var group in new[] { byRoomSlot, byPractitionerSlot, byPupilSlot })
        {
            foreach (var terms in group.Values.Where(t => t.Count > 1))
            {
                rows.Add(($"busy_{r++}", terms, "<=", 1));
            }
        }

        // Per-day rooms: z[p,d,room] >= every x of p in that room on day d (one row per slot; rule 4 keeps each sum <= 1).
        var z = new Dictionary<(string, string, string), string>();
        foreach (var ((p, day, _, room), terms) in byPractitionerSlotRoom)
        {
            if (!z.TryGetValue((p, day, room), out var zv))
            {
                zv = $"z{n++}";
                z[(p, day, room)] = zv;
                binaries.Add(zv);
            }

            rows.Add(($"room_{r++}", [.. terms, $"- {zv}"], "<=", 0));
        }

        foreach (var group in z.GroupBy(kv => (kv.Key.Item1, kv.Key.Item2)).Where(g => g.Count() > 1))
        {
            var e = $"e{n++}";
            general.Add(e);
            objective.Add($"{instance.Weights["extraRoomPerDay"]} {e}");
            rows.Add(($"extra_{r++}", [e, .. group.Select(kv => $"- {kv.Value}")], ">=", -1));
        }

        // Rule 5: only for practitioners whose sessions span more than one site.
        var sitesByPractitionerDay = byPractitionerDaySite.Keys.GroupBy(k => (k.P, k.Day)).Where(g => g.Select(k => k.Site).Distinct().Count() > 1);
        foreach (var group in sitesByPractitionerDay)
        {
            var ys = new List<string>();
            foreach (var site in group.Select(k => k.Site).Distinct(StringComparer.Ordinal))
            {
                var y = $"y{n++}";
                binaries.Add(y);
                ys.Add(y);
                foreach (var key in group.Where(k => k.Site == site))
                {
                    rows.Add(($"site_{r++}", [.. byPractitionerDaySite[key], $"- {y}"], "<=", 0));
                }
            }

            rows.Add(($"oneSite_{r++}", ys, "<=", 1));
        }

        var lp = new StringBuilder();
        lp.AppendLine("Minimize");
        Terms(lp, " obj: ", objective.Count == 0 ? ["0 u0"] : objective);
        lp.AppendLine("Subject To");
        foreach (var (name, terms, sense, rhs) in rows)
        {
            Terms(lp, $" {name}: ", terms, $" {sense} {rhs.ToString(CultureInfo.InvariantCulture)}");
        }

        lp.AppendLine("Bounds");
        foreach (var g in general)
        {
            lp.AppendLine(CultureInfo.InvariantCulture, $" {g} >= 0");
        }

        lp.AppendLine("Binaries");
        Lines(lp, binaries);
        lp.AppendLine("End");
        return lp.ToString();
    }

    private static void Add<TKey>(Dictionary<TKey, List<string>> map, TKey key, string x)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(x);
    }

    /// <summary>Writes "a + b - c" across short lines: LP readers limit line length.</summary>
    private static void Terms(StringBuilder lp, string head, List<string> terms, string tail = "")
    {
        lp.Append(head);
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            if (i > 0)
            {
                lp.Append(t.StartsWith("- ", StringComparison.Ordinal) ? " " : " + ");
            }

            lp.Append(t);
            if (i % 8 == 7)
            {
                lp.Append("\n  ");
            }
        }

        lp.AppendLine(tail);
    }

    private static void Lines(StringBuilder lp, List<string> names)
    {
        for (var i = 0; i < names.Count; i += 12)
        {
            lp.Append("  ").AppendLine(string.Join(' ', names.Skip(i).Take(12)));
        }
    }
}
