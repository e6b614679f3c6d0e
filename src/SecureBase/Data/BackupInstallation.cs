using SecureBase.Audit;

namespace SecureBase.Data;

/// <summary>
/// Which installation a backup belongs to. The id is a fingerprint of the installation's audit key
/// (<c>SecureBase:AuditKey</c>, or <c>audit-chain.key</c> in the data folder, created on first start):
/// every instance of one installation shares that key already (ADR 0006), it survives the loss of the
/// database exactly when the key does, and the audit chain in a backup only verifies under the key it
/// was sealed with; so "another installation" and "an audit log this installation cannot verify" are
/// the same thing. The fingerprint is one-way: it tells nothing about the key.
/// </summary>
internal static class BackupInstallation
{
    private const string KeyFile = "audit-chain.key";

    public static string IdOf(AuditKey key)
    {
        var hex = Convert.ToHexStringLower(key.Derive("SecureBase installation id v1").AsSpan(0, 10));
        return $"sb-{hex[..5]}-{hex[5..10]}-{hex[10..15]}-{hex[15..]}";
    }

    /// <summary>Whether this installation has an audit key yet (configured, or the file in the data folder); restore must not create one by accident.</summary>
    public static bool HasKey(SecureBaseOptions options) =>
        !string.IsNullOrWhiteSpace(options.AuditKey) || File.Exists(Path.Combine(options.FullDataFolder, KeyFile));
}
