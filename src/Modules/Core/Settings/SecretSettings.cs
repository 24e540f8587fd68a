using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Core.Settings;

/// <summary>
/// Encrypts secrets typed into the admin with the Data Protection key ring (kept in the database), so a copy
/// of the settings table alone reveals nothing.
/// </summary>
public sealed class SecretSettings(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Storefront.Settings.Secrets");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    /// <summary>The stored secret, or null when it cannot be read (a lost key ring means "enter it again").</summary>
    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
