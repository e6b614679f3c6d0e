using System.Globalization;

namespace SecureBase.Scheduling.Allocation;

/// <summary>The sentences the MDT page shows, in the school's words.</summary>
internal static class AllocationReasons
{
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>"Exact match (speech and language therapy); 3 shared free slots; caseload 18/22".</summary>
    public static string ForPractitioner(CompiledAllocation c, CompiledPupil pupil, Candidate candidate, int placesForOthers)
    {
        var practitioner = c.Practitioners[candidate.Practitioner];
        var shared = candidate.SharedCount;
        return string.Concat(
            c.Phrase((pupil.Pupil.Discipline, candidate.MatchedDiscipline, candidate.Match), k => MatchPart(c.Table, k.Needed, k.Practised, k.Match)),
            "; ",
            shared > 0 ? Count(shared, "shared free slot") : "no shared free time: " + WhyNoSharedTime(c, pupil, candidate.Practitioner),
            "; ",
            CaseloadPart(practitioner.Caseload, practitioner.Capacity, placesForOthers));
    }

    public static string Recommended(string practitionerName, string reason) => $"Recommended: {practitionerName}. {reason}";

    public static string NotPlaced(CompiledAllocation c, CompiledPupil pupil, NotPlacedReason why, int practitioners, (int MoreUrgent, int Same, int LessUrgent) holders)
    {
        var name = pupil.Pupil.Name;
        return why switch
        {
            NotPlacedReason.NoMatchingDiscipline =>
                $"Not placed: no one in the team practises {c.Table.Describe(pupil.Pupil.Discipline)} or a related discipline.",
            NotPlacedReason.NoSharedTime =>
                $"Not placed: {(practitioners == 1 ? "the matching practitioner does not work" : $"none of the {practitioners} matching practitioners works")} " +
                $"at {name}'s site when {name} is free and a suitable room is free.",
            NotPlacedReason.CaseloadsFull =>
                $"Not placed: {(practitioners == 1 ? "the matching practitioner who shares free time with " + name + " has a full caseload" : $"all {practitioners} matching practitioners who share free time with {name} have full caseloads")}.",
            NotPlacedReason.PlacesNeededByOthers =>
                $"Not placed: the free places of {(practitioners == 1 ? "the matching practitioner who shares" : $"the {practitioners} matching practitioners who share")} " +
                $"free time with {name} are proposed for other waiting pupils ({Holders(holders)}).",
        };
    }

    private static string MatchPart(DisciplineMatchTable table, string needed, string practised, DisciplineMatch match) => match switch
    {
        DisciplineMatch.Exact => $"Exact match ({table.Describe(practised)})",
        DisciplineMatch.Related => $"Related discipline ({table.Describe(practised)} for {Article(table.Describe(needed))} {table.Describe(needed)} referral)",
        DisciplineMatch.None => throw new InvalidOperationException("Only matching practitioners are ranked."),
    };

    private static string CaseloadPart(int caseload, int capacity, int placesForOthers)
    {
        var free = capacity - caseload - placesForOthers;
        if (placesForOthers == 0)
        {
            return free > 0 ? $"caseload {caseload}/{capacity}" : $"caseload full ({caseload}/{capacity})";
        }

        var others = $"{Count(placesForOthers, "place")} proposed for other pupils";
        return free > 0 ? $"caseload {caseload}/{capacity}, {others}" : $"no free place: caseload {caseload}/{capacity}, {others}";
    }

    /// <summary>Which of the three sets fails to meet: the practitioner's days at the pupil's site, the pupil's free time, the rooms.</summary>
    private static string WhyNoSharedTime(CompiledAllocation c, CompiledPupil pupil, int practitioner)
    {
        var name = pupil.Pupil.Name;
        var works = c.Works[practitioner];
        var atSite = c.AtSite(practitioner, pupil.Site);
        if (works == 0)
        {
            return "no working pattern recorded";
        }

        if (atSite == 0)
        {
            return $"does not work at {name}'s site";
        }

        if ((atSite & pupil.Free) == 0)
        {
            var days = c.Days(atSite, mask => Days(c, mask));
            return atSite == works
                ? $"works {days} only, when {name} has protected lessons"
                : $"at {name}'s site only on {days}, when {name} has protected lessons";
        }

        var features = pupil.Pupil.RoomFeatures.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        return features.Count == 0
            ? $"no room at {name}'s site is free when both are"
            : $"no room with {JoinAnd(features)} is free when both are";
    }

    private static string Days(CompiledAllocation c, ulong slots)
    {
        var days = new SortedSet<int>();
        for (var i = 0; i < c.Slots.Length; i++)
        {
            if ((slots & (1UL << i)) != 0)
            {
                days.Add(((int)c.Slots[i].Day + 6) % 7); // Monday first
            }
        }

        return JoinAnd(days.Select(d => DayNames[d]).ToList());
    }

    private static string Holders((int MoreUrgent, int Same, int LessUrgent) h)
    {
        var parts = new List<string>();
        if (h.MoreUrgent > 0)
        {
            parts.Add($"{h.MoreUrgent} more urgent");
        }

        if (h.Same > 0)
        {
            parts.Add($"{h.Same} of the same priority");
        }

        if (h.LessUrgent > 0)
        {
            parts.Add($"{h.LessUrgent} less urgent");
        }

        return JoinAnd(parts);
    }

    internal static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static string Article(string words) => words.Length > 0 && "aeiouAEIOU".Contains(words[0], StringComparison.Ordinal) ? "an" : "a";
}
