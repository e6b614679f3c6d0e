using System.Numerics;

namespace SecureBase.Scheduling.Allocation;

/// <summary>
/// The input turned into integers: slot sets as 64-bit masks (bit i = the i-th slot of the input), sites and
/// practitioners as indices, and for each pupil the practitioners whose discipline matches with the slots they
/// share. Practitioners and pupils are ordered by id, so the result does not depend on the order of the lists.
/// </summary>
internal sealed class CompiledAllocation
{
    private readonly Dictionary<string, int> _slotIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _siteIndex = new(StringComparer.Ordinal);
    private readonly List<(HashSet<string> Features, ulong Free)>[] _roomsBySite;
    private readonly Dictionary<string, ulong> _roomMaskCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DisciplineMatch Match, string Discipline)[]> _matchCache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Needed, string Practised, DisciplineMatch Match), string> _phrases = [];
    private readonly Dictionary<ulong, string> _days = [];
    private readonly ulong[] _atSite;
    private readonly int _siteCount;

    private CompiledAllocation(AllocationInput input, IEnumerable<WaitingPupil> pupils)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        Table = input.DisciplineTable;
        Slots = [.. input.Slots];
        CompileSlots(problems);

        Practitioners = [.. input.Practitioners.OrderBy(p => p.Id, StringComparer.Ordinal)];
        var chosen = pupils.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        foreach (var site in Practitioners.SelectMany(p => p.Works).Select(w => w.SiteId)
                     .Concat(input.Rooms.Select(r => r.SiteId))
                     .Concat(chosen.Select(p => p.SiteId)))
        {
            _siteIndex.TryAdd(site, _siteIndex.Count);
        }

        _siteCount = _siteIndex.Count;
        Works = new ulong[Practitioners.Length];
        _atSite = new ulong[Practitioners.Length * _siteCount];
        CompilePractitioners(problems);

        _roomsBySite = new List<(HashSet<string>, ulong)>[_siteCount];
        for (var s = 0; s < _siteCount; s++)
        {
            _roomsBySite[s] = [];
        }

        CompileRooms(input.Rooms, problems);
        Pupils = [.. chosen.Select(p => CompilePupil(p, problems))];
        CheckUnique(input.Pupils.Select(p => p.Id), "waiting pupil", problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The allocation input is not valid: " + string.Join("; ", problems.Distinct(StringComparer.Ordinal).Take(20)), nameof(input));
        }
    }

    public DisciplineMatchTable Table { get; }

    /// <summary>The week's slots in input order: slot i is bit i of every mask.</summary>
    public WeeklySlot[] Slots { get; }

    /// <summary>The team, ordered by id; a practitioner's index is their place here.</summary>
    public AllocationPractitioner[] Practitioners { get; }

    /// <summary>The slots each practitioner works, at any site.</summary>
    public ulong[] Works { get; }

    /// <summary>The pupils compiled, ordered by id.</summary>
    public CompiledPupil[] Pupils { get; }

    public static CompiledAllocation ForAll(AllocationInput input) => new(input, input.Pupils);

    /// <summary>Only the named pupil (and the team and rooms): enough to rank one pupil cheaply.</summary>
    public static CompiledAllocation ForOne(AllocationInput input, WaitingPupil pupil) => new(input, [pupil]);

    /// <summary>The slots practitioner <paramref name="practitioner"/> works at <paramref name="site"/>.</summary>
    public ulong AtSite(int practitioner, int site) => _atSite[(practitioner * _siteCount) + site];

    /// <summary>A phrase about a discipline match, built once per combination (thousands of rankings repeat them).</summary>
    public string Phrase((string Needed, string Practised, DisciplineMatch Match) key, Func<(string Needed, string Practised, DisciplineMatch Match), string> build)
    {
        if (!_phrases.TryGetValue(key, out var phrase))
        {
            phrase = build(key);
            _phrases[key] = phrase;
        }

        return phrase;
    }

    /// <summary>The days of a set of slots in words ("Tue and Thu"), built once per set.</summary>
    public string Days(ulong slots, Func<ulong, string> build)
    {
        if (!_days.TryGetValue(slots, out var days))
        {
            days = build(slots);
            _days[slots] = days;
        }

        return days;
    }

    private void CompileSlots(List<string> problems)
    {
        if (Slots.Length > AllocationInput.MaxSlots)
        {
            problems.Add($"a week has {Slots.Length} slots; at most {AllocationInput.MaxSlots} are supported");
        }

        for (var i = 0; i < Slots.Length && i < AllocationInput.MaxSlots; i++)
        {
            if (!_slotIndex.TryAdd(Slots[i].Id, i))
            {
                problems.Add($"slot '{Slots[i].Id}' appears twice");
            }
        }
    }

    private void CompilePractitioners(List<string> problems)
    {
        CheckUnique(Practitioners.Select(p => p.Id), "practitioner", problems);
        for (var t = 0; t < Practitioners.Length; t++)
        {
            var p = Practitioners[t];
            if (p.Capacity < 0 || p.Caseload < 0)
            {
                problems.Add($"practitioner '{p.Id}' has a negative capacity or caseload");
            }

            foreach (var w in p.Works)
            {
                if (!_slotIndex.TryGetValue(w.SlotId, out var slot))
                {
                    problems.Add($"practitioner '{p.Id}' works in unknown slot '{w.SlotId}'");
                    continue;
                }

                var bit = 1UL << slot;
                if ((Works[t] & bit) != 0)
                {
                    problems.Add($"practitioner '{p.Id}' works slot '{w.SlotId}' twice (one site per slot)");
                }

                Works[t] |= bit;
                _atSite[(t * _siteCount) + _siteIndex[w.SiteId]] |= bit;
            }
        }
    }

    private void CompileRooms(IReadOnlyList<AllocationRoom> rooms, List<string> problems)
    {
        CheckUnique(rooms.Select(r => r.Id), "room", problems);
        foreach (var room in rooms)
        {
            var free = Mask(room.FreeSlots, $"room '{room.Id}'", problems);
            _roomsBySite[_siteIndex[room.SiteId]].Add((new HashSet<string>(room.Features, StringComparer.OrdinalIgnoreCase), free));
        }
    }

    private CompiledPupil CompilePupil(WaitingPupil pupil, List<string> problems)
    {
        if (pupil.Priority is < 1 or > 4)
        {
            problems.Add($"pupil '{pupil.Id}' has priority {pupil.Priority}; priorities are 1 (most urgent) to 4 (routine)");
        }

        if (pupil.WeeksWaited is < 0 or > AllocationInput.MaxWeeksWaited)
        {
            problems.Add($"pupil '{pupil.Id}' has waited {pupil.WeeksWaited} weeks; 0 to {AllocationInput.MaxWeeksWaited} are accepted");
        }

        var free = Mask(pupil.FreeSlots, $"pupil '{pupil.Id}'", problems);
        var site = _siteIndex[pupil.SiteId];
        var rooms = RoomMask(site, pupil.RoomFeatures);
        var matches = MatchesFor(pupil.Discipline);
        var candidates = new List<Candidate>();
        for (var t = 0; t < Practitioners.Length; t++)
        {
            if (matches[t].Match != DisciplineMatch.None)
            {
                candidates.Add(new Candidate(t, matches[t].Match, matches[t].Discipline, AtSite(t, site) & free & rooms));
            }
        }

        return new CompiledPupil(pupil, site, free, rooms, [.. candidates]);
    }

    /// <summary>The slots in which at least one room at the site with all the features is free.</summary>
    private ulong RoomMask(int site, IReadOnlyList<string> features)
    {
        var needed = features.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = site.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u001f" + string.Join('\u001f', needed);
        if (_roomMaskCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var mask = 0UL;
        foreach (var (have, free) in _roomsBySite[site])
        {
            if (needed.TrueForAll(have.Contains))
            {
                mask |= free;
            }
        }

        _roomMaskCache[key] = mask;
        return mask;
    }

    /// <summary>For each practitioner, the best match of any of their disciplines (the first listed on a tie).</summary>
    private (DisciplineMatch Match, string Discipline)[] MatchesFor(string needed)
    {
        if (_matchCache.TryGetValue(needed, out var cached))
        {
            return cached;
        }

        var result = new (DisciplineMatch, string)[Practitioners.Length];
        for (var t = 0; t < Practitioners.Length; t++)
        {
            var best = (DisciplineMatch.None, "");
            foreach (var practised in Practitioners[t].Disciplines)
            {
                var match = Table.Match(needed, practised);
                if (match > best.Item1)
                {
                    best = (match, practised);
                }
            }

            result[t] = best;
        }

        _matchCache[needed] = result;
        return result;
    }

    private ulong Mask(IEnumerable<string> slotIds, string owner, List<string> problems)
    {
        var mask = 0UL;
        foreach (var id in slotIds)
        {
            if (_slotIndex.TryGetValue(id, out var slot))
            {
                mask |= 1UL << slot;
            }
            else
            {
                problems.Add($"{owner} lists unknown slot '{id}'");
            }
        }

        return mask;
    }

    private static void CheckUnique(IEnumerable<string> ids, string what, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                problems.Add($"{what} id '{id}' appears twice");
            }
        }
    }
}

/// <summary>A waiting pupil as masks, with the practitioners whose discipline matches (in practitioner order).</summary>
internal sealed record CompiledPupil(WaitingPupil Pupil, int Site, ulong Free, ulong Rooms, Candidate[] Candidates);

/// <summary>A practitioner whose discipline matches a pupil's need, and the slots they share.</summary>
internal readonly record struct Candidate(int Practitioner, DisciplineMatch Match, string MatchedDiscipline, ulong Shared)
{
    public int SharedCount => BitOperations.PopCount(Shared);
}
