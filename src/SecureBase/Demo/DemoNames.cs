namespace SecureBase.Demo;

/// <summary>
/// Names for the demo school, as diverse as a UK school's roll: apostrophes, hyphens, accents
/// and names written in Arabic, Chinese, Cyrillic, Greek, Devanagari, Bengali and Polish.
/// </summary>
internal static class DemoNames
{
    public static readonly string[] FirstNames =
    [
        "Oliver", "Amelia", "Muhammad", "Isla", "Noah", "Ava", "Leo", "Freya", "Jamal", "Aoife",
        "Zoë", "Siân", "Oluwaseun", "Chidi", "Priya", "Arjun", "Fatima", "Yusuf", "Wiktoria", "Kacper",
        "Ştefan", "Chloé", "Jean-Luc", "Mary-Kate", "Ngozi", "Kwame", "Aleksandra", "Tomasz", "Harper", "Ellis",
        "Ruby", "Theo", "Aisha", "Ibrahim", "Grace", "Finley", "Maryam", "Ewan", "Niamh", "Dylan",
        "Ayesha", "Hamza", "Sofia", "Mateo", "Lily-Rose", "Tiago", "Anaïs", "Bartosz", "Eilidh", "Kai",
        "Amara", "Tobiloba", "Hana", "Reuben", "Esme", "Rhys", "Ciarán", "Maisie", "Omar", "Layla",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "O'Sullivan", "Adeyemi", "Patel", "Hussain", "Kowalczyk", "Smith-Jones", "Okafor", "Nguyen", "Ahmed",
        "Williams", "McAllister", "D'Souza", "Popescu", "Evans", "Begum", "Mensah", "Jones", "Ó Briain", "Novak",
        "Taylor-Brown", "Khan", "Wright", "Chowdhury", "Lewandowski", "Brown", "Ali", "Davies", "Van der Merwe", "Osei",
        "Clarke", "Murphy", "Kaur", "Thompson", "Nowak", "O'Neill", "Rahman", "Fitzgerald", "Bailey", "Afolabi",
        "Hughes", "Sandhu", "MacDonald", "Yilmaz", "Robinson", "Kelly", "Santos", "Hall", "St. John", "Mahmood",
    ];

    /// <summary>Pupils whose names are recorded in their own script, with the name they use at school.</summary>
    public static readonly (string LegalFirst, string LegalLast, string? PreferredFirst, string? PreferredLast)[] OwnScript =
    [
        ("王芳", "李", "Fang", "Li"),
        ("Дмитрий", "Иванов", "Dima", "Ivanov"),
        ("Γιώργος", "Παπαδόπουλος", "Giorgos", "Papadopoulos"),
        ("سارة", "حسن", "Sara", "Hassan"),
        ("अनन्या", "शर्मा", "Ananya", "Sharma"),
        ("সাকিব", "রহমান", "Sakib", "Rahman"),
        ("Małgorzata", "Wiśniewska", "Gosia", null),
        ("Nguyễn", "Minh Anh", "Minh", "Nguyen"),
        ("Jiří", "Dvořák", null, null),
        ("Øyvind", "Ødegård", null, null),
    ];

    public static readonly string[] Relationships = ["Mother", "Father", "Grandmother", "Grandfather", "Aunt", "Foster carer", "Stepfather", "Stepmother"];

    public static readonly string[] TutorSuffixes = ["A", "B", "C"];

    /// <summary>Words for demo passwords: easy to type, not on any common-password list when combined.</summary>
    public static readonly string[] PasswordWords =
    [
        "lantern", "otter", "maple", "harbour", "violet", "thistle", "pebble", "orchard", "falcon", "meadow",
        "copper", "willow", "saffron", "glacier", "bramble", "cobalt", "juniper", "marble", "heron", "quartz",
    ];
}
