using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>The key ring in the database is encrypted under a key that lives only in the environment.</summary>
public sealed class KeyRingEncryptionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheKeyRingIsStoredEncryptedAndOnlyInstancesWithTheSameKeyCanUseIt(Db db)
    {
        await using var first = await StorefrontApp.StartAsync(db);
        var payload = Protector(first).Protect("download link for order 1042");

        var stored = await first.WithDbAsync(d => d.Set<DataProtectionKey>().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        var shared = new Dictionary<string, string?>(first.Settings);
        await using var second = await StorefrontApp.StartAsync(db, shared);
        Assert.Equal("download link for order 1042", Protector(second).Unprotect(payload));

        shared["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var stranger = await StorefrontApp.StartAsync(db, shared);
        var refused = Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(payload));
        Assert.Contains("different DataProtection__KeyEncryptionKey", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AShopThatCannotOpenItsStoredKeyRingIsNotReadyAndMakesNoNewKey(Db db)
    {
        await using var first = await StorefrontApp.StartAsync(db);
        Protector(first).Protect("download link for order 1042");
        var keys = await first.WithDbAsync(d => d.Set<DataProtectionKey>().OrderBy(k => k.Id).Select(k => k.Id).ToListAsync());
        using (var client = first.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        var shared = new Dictionary<string, string?>(first.Settings)
        {
            ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using var stranger = await StorefrontApp.StartAsync(db, shared);
        using var strangerClient = stranger.CreateHttpClient();
        var ready = await strangerClient.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Protect("a new link"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var keyring = body.RootElement.GetProperty("checks").GetProperty("keyring");
        Assert.Equal("Unhealthy", keyring.GetProperty("status").GetString());
        Assert.Equal("The stored key ring cannot be decrypted with DataProtection__KeyEncryptionKey: it was encrypted with a different "
            + "DataProtection__KeyEncryptionKey.", keyring.GetProperty("description").GetString());
        Assert.Equal(keys, await stranger.WithDbAsync(d => d.Set<DataProtectionKey>().OrderBy(k => k.Id).Select(k => k.Id).ToListAsync()));
    }

    private static IDataProtector Protector(StorefrontApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-test");
}
