using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Core.Security;

/// <summary>
/// Makes the first Data Protection key before the shop serves, once for all instances. Left to Data Protection, every
/// instance that starts on an empty key ring makes a key of its own on its first request and keeps its own ring cached:
/// a cookie, antiforgery token or download link made by one instance is then refused by the others. PostgreSQL
/// serialises the instances with an advisory lock; a SQLite shop is one instance.
/// </summary>
public sealed class KeyRingSeed(StorefrontDbContext db, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider clock,
    ILogger<KeyRingSeed> logger)
{
    private const long AdvisoryLockKey = 0x5354_4f52_4b45_5953; // "STORKEYS"

    public Task EnsureAsync(CancellationToken cancellationToken) =>
        AdvisoryLock.RunAsync(db, AdvisoryLockKey, () =>
        {
            Ensure();
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Only when no key is in force: a ring that cannot be decrypted still has its keys' dates readable, so a wrong
    /// DataProtection__KeyEncryptionKey never leads to a new key here (readiness reports it instead).
    /// </summary>
    private void Ensure()
    {
        var now = clock.GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            return;
        }

        keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        logger.LogInformation("Created the Data Protection key every instance of the shop uses");
    }
}
