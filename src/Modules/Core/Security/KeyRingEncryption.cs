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
        var data = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var nonceLength = AesGcm.NonceByteSizes.MaxSize;
        var tagLength = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[data.Length - nonceLength - tagLength];
        try
        {
            using var aes = new AesGcm(key, tagLength);
            aes.Decrypt(data.AsSpan(0, nonceLength), data.AsSpan(nonceLength + tagLength), data.AsSpan(nonceLength, tagLength), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException(
                "A data protection key in the database was encrypted with a different DataProtection__KeyEncryptionKey; set the key it was encrypted with.");
        }
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
