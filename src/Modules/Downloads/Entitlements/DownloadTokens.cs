using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Storefront.Downloads.Entitlements;

public enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Download tokens: the entitlement id and the link's expiry, authenticated and encrypted with the
/// Data Protection key ring (kept in the database, so every instance and every restart accepts them).
/// Tampering is detected without a database hit; revocation goes through the entitlement's state.
/// </summary>
public sealed class DownloadTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly IDataProtector protector = provider.CreateProtector("Storefront.Downloads.Token.v1");

    public string Issue(Guid entitlementId, DateTime expiresAtUtc)
    {
        var payload = new byte[24];
        entitlementId.TryWriteBytes(payload);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), new DateTimeOffset(expiresAtUtc, TimeSpan.Zero).ToUnixTimeSeconds());
        return WebEncoders.Base64UrlEncode(protector.Protect(payload));
    }

    public TokenCheck Check(string token, out Guid entitlementId)
    {
        entitlementId = Guid.Empty;
        byte[] payload;
        try
        {
            payload = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return TokenCheck.Invalid;
        }

        if (payload.Length != 24)
        {
            return TokenCheck.Invalid;
        }

        entitlementId = new Guid(payload.AsSpan(0, 16));
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16)));
        return expires <= clock.GetUtcNow() ? TokenCheck.Expired : TokenCheck.Valid;
    }
}
