namespace SecureBase.Data;

/// <summary>The <c>SecureBase</c> configuration section (see the README's Configuration table).</summary>
public sealed class SecureBaseOptions
{
    public const string Section = "SecureBase";

    /// <summary>Where the SQLite database, the audit key and the demo accounts file live.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The time zone given to new schools (each school keeps its own).</summary>
    public string TimeZone { get; set; } = Schools.School.DefaultTimeZone;

    /// <summary>Apply pending schema migrations when the application starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo school when the database holds no school yet.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Base64 HMAC key for the audit chain; when empty, <c>audit-chain.key</c> in the data folder.</summary>
    public string? AuditKey { get; set; }

    /// <summary>
    /// How often, in minutes, the audit chain's head is witnessed in <c>audit-witness.log</c> in the data
    /// folder (also at start and at shutdown). Entries written since the last witness can be cut off
    /// unnoticed, so keep it short; 0 turns the witness off.
    /// </summary>
    public int AuditWitnessMinutes { get; set; } = 5;

    /// <summary>Largest upload accepted (imports), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Sign-in attempts allowed per minute from one network address.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>API calls allowed per minute for each API client (issue 15); more are answered 429 with Retry-After.</summary>
    public int ApiClientRequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Proxies or load balancers (addresses or networks, comma-separated) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed, besides loopback. See docs/deployment.md.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>The data folder as an absolute path; a relative setting is taken from the application's folder.</summary>
    public string FullDataFolder => Path.GetFullPath(DataFolder, ContentRoot);

    /// <summary>Set at start-up from the host: where relative paths begin.</summary>
    public string ContentRoot { get; set; } = Directory.GetCurrentDirectory();
}
