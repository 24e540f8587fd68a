using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Storefront.Core.Security;

/// <summary>
/// <c>DataProtection:KeyEncryptionKey</c>: 32 random bytes in base64 (<c>openssl rand -base64 32</c>) that
/// encrypt the Data Protection key ring before it is stored in the database. The ring protects sign-in
/// cookies, download links and the secrets typed into the admin; with this key in the environment, a copy
/// of the database alone (a backup, a dump) opens none of them. Required in Production.
/// </summary>
public sealed class KeyRingEncryptionOptions
{
    public const string Section = "DataProtection";

    public string? KeyEncryptionKey { get; set; }

    public static bool TryParse(string? value, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var buffer = new byte[64];
        if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written) || written != 32)
        {
            return false;
        }
        key = buffer[..32];
        return true;
    }
}

/// <summary>Encrypts each new key of the ring with AES-256-GCM under the key encryption key.</summary>
internal sealed class AesGcmXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }
        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM under DataProtection:KeyEncryptionKey; value is nonce, tag and ciphertext in base64. "),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Created by Data Protection from the type named in a stored key; reads the key encryption key from options.</summary>
internal sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var configured = services.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value.KeyEncryptionKey;
        if (!KeyRingEncryptionOptions.TryParse(configured, out var key))
        {
            throw new InvalidOperationException(
                "The data protection key ring in the database is encrypted: set DataProtection__KeyEncryptionKey to the key it was encrypted with.");
        }

        return KeyRingCheck.TryDecrypt(key, encryptedElement)
            ?? throw new InvalidOperationException(
                "A data protection key in the database was encrypted with a different DataProtection__KeyEncryptionKey; set the key it was encrypted with.");
    }
}

/// <summary>
/// Whether the configured key encryption key opens every key of a stored ring. Data Protection treats a key it cannot
/// decrypt as missing and makes a new one, so a wrong key would otherwise give a shop that looks healthy while every
/// link and cookie issued before is refused; restore, readiness and the key store ask here first.
/// </summary>
public static class KeyRingCheck
{
    /// <summary>Why the ring (the stored keys' XML) cannot be used with the configured key, or null when every key opens.</summary>
    public static string? WhyUnreadable(IEnumerable<string> keyXml, string? configuredKey)
    {
        var hasKey = KeyRingEncryptionOptions.TryParse(configuredKey, out var key);
        foreach (var xml in keyXml)
        {
            XElement root;
            try
            {
                root = XElement.Parse(xml);
            }
            catch (System.Xml.XmlException)
            {
                return "a stored key is not valid XML";
            }

            foreach (var secret in root.Descendants().Where(e => e.Name.LocalName == "encryptedSecret"))
            {
                if (!hasKey)
                {
                    return "it is encrypted and DataProtection__KeyEncryptionKey is not set";
                }

                if (secret.Elements().FirstOrDefault() is not { } encrypted || TryDecrypt(key, encrypted) is null)
                {
                    return "it was encrypted with a different DataProtection__KeyEncryptionKey";
                }
            }
        }

        return null;
    }

    /// <summary>The stored ring's problem as operators read it in readiness and in the log.</summary>
    public static string StoredRingMessage(string reason) =>
        $"The stored key ring cannot be decrypted with DataProtection__KeyEncryptionKey: {reason}.";

    /// <summary>The plaintext key element, or null when the value was not encrypted under this key (or is damaged).</summary>
    internal static XElement? TryDecrypt(byte[] key, XElement encryptedElement)
    {
        var nonceLength = AesGcm.NonceByteSizes.MaxSize;
        var tagLength = AesGcm.TagByteSizes.MaxSize;
        var value = (string?)encryptedElement.Element("value") ?? "";
        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var length) || length < nonceLength + tagLength)
        {
            return null;
        }

        var data = buffer.AsSpan(0, length);
        var plain = new byte[length - nonceLength - tagLength];
        try
        {
            using var aes = new AesGcm(key, tagLength);
            aes.Decrypt(data[..nonceLength], data[(nonceLength + tagLength)..], data.Slice(nonceLength, tagLength), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
