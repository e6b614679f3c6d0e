using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using SecureBase.Audit;

namespace SecureBase.Identity;

/// <summary>
/// Encrypts the Data Protection key ring at rest in the database (AES-256-GCM), with a key derived
/// from the installation's secret (<c>SecureBase:AuditKey</c> or <c>audit-chain.key</c>) that every
/// instance shares. Someone who reads the database alone (a copied backup, a leaked dump) cannot
/// forge or read session and antiforgery cookies.
/// </summary>
internal sealed class KeyRingEncryptor(AuditKey key) : IXmlEncryptor
{
    internal const string Purpose = "SecureBase data protection key ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.Derive(Purpose), tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        var element = new XElement("encryptedKey",
            new XComment(" The key is encrypted with a key derived from the installation's audit key (see docs/deployment.md). "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Reads a key encrypted by <see cref="KeyRingEncryptor"/>; created by Data Protection by its type name.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<AuditKey>();
        var nonce = Convert.FromBase64String(encryptedElement.Element("nonce")!.Value);
        var tag = Convert.FromBase64String(encryptedElement.Element("tag")!.Value);
        var cipher = Convert.FromBase64String(encryptedElement.Element("value")!.Value);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key.Derive(KeyRingEncryptor.Purpose), tag.Length);
            aes.Decrypt(nonce, cipher, tag, plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException("The sign-in key ring was encrypted with another installation's key: every instance must share SecureBase:AuditKey (docs/deployment.md).", e);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
