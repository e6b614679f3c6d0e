namespace SecureBase.Scheduling.Allocation;

/// <summary>How well a practitioner's discipline meets the discipline a referral asks for.</summary>
public enum DisciplineMatch
{
    /// <summary>The practitioner cannot take this referral.</summary>
    None = 0,

    /// <summary>A neighbouring discipline the team may use, e.g. psychotherapy for a counselling referral.</summary>
    Related = 1,

    /// <summary>The discipline asked for.</summary>
    Exact = 2,
}

/// <summary>One entry of a <see cref="DisciplineMatchTable"/>: a practitioner of <see cref="Practised"/> meets a
/// <see cref="Needed"/> referral this well. Entries are one-way; add both directions for a symmetric relation.</summary>
public sealed record DisciplineMatchRule(string Needed, string Practised, DisciplineMatch Match);

/// <summary>
/// The names of the disciplines in SecureBase (the values of the application's <c>SecureBase.Staff.Discipline</c>),
/// for callers that pass the enum's names as strings.
/// </summary>
public static class TherapyDisciplines
{
    public const string SpeechAndLanguage = "SpeechAndLanguage";
    public const string OccupationalTherapy = "OccupationalTherapy";
    public const string Counselling = "Counselling";
    public const string Psychotherapy = "Psychotherapy";
    public const string PlayTherapy = "PlayTherapy";
    public const string ArtTherapy = "ArtTherapy";
    public const string DramaTherapy = "DramaTherapy";
    public const string MusicTherapy = "MusicTherapy";
    public const string Cbt = "Cbt";
    public const string ClinicalPsychology = "ClinicalPsychology";
    public const string Elsa = "Elsa";
    public const string TherapyAssistant = "TherapyAssistant";

    /// <summary>How the reasons name each discipline, in the middle of a sentence.</summary>
    public static IReadOnlyDictionary<string, string> Wording { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [SpeechAndLanguage] = "speech and language therapy",
        [OccupationalTherapy] = "occupational therapy",
        [Counselling] = "counselling",
        [Psychotherapy] = "psychotherapy",
        [PlayTherapy] = "play therapy",
        [ArtTherapy] = "art therapy",
        [DramaTherapy] = "drama therapy",
        [MusicTherapy] = "music therapy",
        [Cbt] = "CBT",
        [ClinicalPsychology] = "clinical psychology",
        [Elsa] = "ELSA support",
        [TherapyAssistant] = "therapy assistant support",
    };
}

/// <summary>
/// Which practitioner disciplines can meet which referral. A discipline always meets itself exactly
/// (unless a rule says otherwise); any pair without a rule is <see cref="DisciplineMatch.None"/>. The team
/// decides the table; <see cref="Default"/> is a starting point.
/// </summary>
public sealed class DisciplineMatchTable
{
    private readonly Dictionary<string, DisciplineMatch> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _wording;

    /// <param name="rules">Matches that differ from "same discipline = exact, otherwise none".</param>
    /// <param name="wording">How reasons name each discipline ("speech and language therapy"); the discipline itself where missing.</param>
    public DisciplineMatchTable(IEnumerable<DisciplineMatchRule> rules, IReadOnlyDictionary<string, string>? wording = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToList();
        foreach (var rule in Rules)
        {
            _rules[Key(rule.Needed, rule.Practised)] = rule.Match;
        }

        _wording = new Dictionary<string, string>(wording ?? TherapyDisciplines.Wording, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// West Heath's families of therapy: the talking therapies (counselling, psychotherapy, CBT) are related to
    /// one another, as are the creative therapies (play, art, drama, music). A clinical psychologist can take a
    /// talking-therapy referral as a related discipline, but not the other way round. Speech and language
    /// therapy, occupational therapy, ELSA and therapy assistants match only themselves.
    /// </summary>
    public static DisciplineMatchTable Default { get; } = CreateDefault();

    public IReadOnlyList<DisciplineMatchRule> Rules { get; }

    /// <summary>
    /// A table where every discipline in a group is related to every other in that group (both ways).
    /// </summary>
    public static DisciplineMatchTable FromRelatedGroups(IEnumerable<IReadOnlyList<string>> groups, IReadOnlyDictionary<string, string>? wording = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new DisciplineMatchTable(RelatedWithin(groups), wording);
    }

    public DisciplineMatch Match(string needed, string practised)
    {
        if (_rules.TryGetValue(Key(needed, practised), out var match))
        {
            return match;
        }

        return string.Equals(needed, practised, StringComparison.OrdinalIgnoreCase) ? DisciplineMatch.Exact : DisciplineMatch.None;
    }

    /// <summary>The discipline in the school's words, for the middle of a sentence ("speech and language therapy").</summary>
    public string Describe(string discipline) => _wording.TryGetValue(discipline, out var words) ? words : discipline;

    private static DisciplineMatchTable CreateDefault()
    {
        string[] talking = [TherapyDisciplines.Counselling, TherapyDisciplines.Psychotherapy, TherapyDisciplines.Cbt];
        string[] creative = [TherapyDisciplines.PlayTherapy, TherapyDisciplines.ArtTherapy, TherapyDisciplines.DramaTherapy, TherapyDisciplines.MusicTherapy];
        var rules = RelatedWithin([talking, creative]).ToList();
        rules.AddRange(talking.Select(need => new DisciplineMatchRule(need, TherapyDisciplines.ClinicalPsychology, DisciplineMatch.Related)));
        return new DisciplineMatchTable(rules);
    }

    private static IEnumerable<DisciplineMatchRule> RelatedWithin(IEnumerable<IReadOnlyList<string>> groups)
    {
        foreach (var group in groups)
        {
            foreach (var needed in group)
            {
                foreach (var practised in group)
                {
                    if (!string.Equals(needed, practised, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return new DisciplineMatchRule(needed, practised, DisciplineMatch.Related);
                    }
                }
            }
        }
    }

    // A unit separator cannot occur in a discipline name typed by a person.
    private static string Key(string needed, string practised) => needed + "\u001f" + practised;
}
