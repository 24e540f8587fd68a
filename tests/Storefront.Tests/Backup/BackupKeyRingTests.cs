using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Security;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Backup;

/// <summary>A backup travels with its key ring, encrypted: only the key it was encrypted with may restore it.</summary>
public sealed class BackupKeyRingTests
{
    [Fact]
    public async Task RestoringUnderAnotherKeyEncryptionKeyIsRefusedInOneLineAndWritesNothing()
    {
        using var backup = new TempFolder();
        await using (var source = await StorefrontApp.StartAsync())
        {
            using var recipe = new TempFolder();
            await source.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
            Assert.NotEmpty(await source.WithDbAsync(d => d.Set<DataProtectionKey>().ToListAsync()));
            Assert.Equal(0, (await source.RunCliAsync("backup", backup.File("shop"))).ExitCode);
        }

        await using var target = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        var keysBefore = await KeyIdsAsync(target);

        var refused = await target.RunCliAsync("restore", backup.File("shop"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            "The backup's key ring cannot be decrypted with DataProtection__KeyEncryptionKey: it was encrypted with a different "
            + "DataProtection__KeyEncryptionKey. Set the key of the shop that was backed up; nothing was restored.",
            refused.Error.Trim());
        Assert.Equal(0, await target.WithDbAsync(d => d.Set<Product>().CountAsync()));
        Assert.Equal(keysBefore, await KeyIdsAsync(target));
        var blobs = target.Services.GetRequiredService<IBlobStore>();
        foreach (var area in Enum.GetValues<BlobArea>())
        {
            Assert.Empty(await blobs.ListAsync(area, CancellationToken.None).ToListAsync());
        }
    }

    private static Task<List<Guid>> KeyIdsAsync(StorefrontApp app) =>
        app.WithDbAsync(d => d.Set<DataProtectionKey>().OrderBy(k => k.Id).Select(k => k.Id).ToListAsync());
}
