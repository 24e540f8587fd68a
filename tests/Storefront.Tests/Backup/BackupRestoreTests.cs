using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Backup;

/// <summary>Moving servers: back up a running SQLite shop, restore it onto PostgreSQL and S3, and buyers' links still work.</summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task ABackupOfASqliteShopRestoresOntoPostgresAndS3AndOldDownloadLinksStillWork()
    {
        using var backup = new TempFolder();
        string link;
        Order order;
        await using (var shop = await ShopWithStripe.StartAsync(Db.Sqlite))
        {
            link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("mover@example.com", "Mover")).Page));
            order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
            var written = await shop.App.RunCliAsync("backup", backup.File("shop"));
            Assert.True(written.ExitCode == 0, written.All);
            Assert.Contains("file(s)", written.Output);
        }

        var s3 = await S3Server.GetAsync();
        var target = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Storefront"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(),
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = s3.ServiceUrl,
            ["Storage:S3:Bucket"] = await s3.CreateBucketAsync(),
            ["Storage:S3:AccessKey"] = S3Server.AccessKey,
            ["Storage:S3:SecretKey"] = S3Server.SecretKey,
            ["Settings:PollInterval"] = "00:00:00.250",
        };
        await using var moved = await StorefrontApp.StartAsync(Db.Postgres, target);
        using var client = moved.CreateHttpClient();
        // The empty shop's home page, cached: the restore, another process, must tell the running shop it is out of date.
        Assert.DoesNotContain("Field Guide", await client.GetStringAsync("/"));
        var restore = await moved.RunCliAsync("restore", backup.File("shop"));
        Assert.True(restore.ExitCode == 0, restore.All);
        Assert.Matches(@"Restored [1-9]\d* row\(s\) and [1-9]\d* file\(s\)", restore.Output);

        await Eventually.HoldsAsync(async () => (await client.GetStringAsync("/")).Contains("Field Guide"), "the running shop's home page shows the restored catalogue", 5);
        Assert.Contains("Field Guide", await client.GetStringAsync("/products/field-guide"));
        var restoredOrder = await moved.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((order.Number, order.BuyerEmail, order.Status), (restoredOrder.Number, restoredOrder.BuyerEmail, restoredOrder.Status));
        var download = await client.GetAsync(new Uri(link).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var pages = await PdfTools.PageTextsAsync(await download.Content.ReadAsByteArrayAsync());
        Assert.All(pages, page => Assert.Contains("Licensed to Mover", page));
        moved.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task RestoringIntoAnotherShopsStoreIsRefusedAndChangesNothing()
    {
        using var backup = new TempFolder();
        await using var first = await StorefrontApp.StartAsync();
        await using var second = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        await first.ImportAsync(new TestRecipe().Products(TestRecipe.Product("first", "First")).WriteTo(recipe.Path));
        await second.ImportAsync(new TestRecipe().Products(TestRecipe.Product("second", "Second")).WriteTo(recipe.Path, "second.json"));
        Assert.Equal(0, (await first.RunCliAsync("backup", backup.File("first"))).ExitCode);

        var refused = await second.RunCliAsync("restore", backup.File("first"));
        var overwrite = await first.RunCliAsync("backup", backup.File("first"));
        var sameAgain = await first.RunCliAsync("restore", backup.File("first"));

        Assert.Equal(1, refused.ExitCode);
        // The first table found with rows is named (the imported cover's library entry comes before the product).
        Assert.Matches(@"The target store is not empty \(table [a-z_]+ has rows\)", refused.Error);
        Assert.Equal(["second"], await second.WithDbAsync(d => d.Set<Product>().Select(p => p.Slug).ToListAsync()));
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains("is not empty", overwrite.Error);
        Assert.True(sameAgain.ExitCode == 0, sameAgain.All); // restoring a shop's own backup again adds nothing, and says so
        Assert.Matches(@"Restored 0 row\(s\) and \d+ file\(s\) from .+\. [1-9]\d* row\(s\) of the backup were in the store already and were kept as they were\.", sameAgain.Output);
        Assert.Equal(1, await first.WithDbAsync(d => d.Set<Product>().CountAsync()));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ABackupIsReadableByItsOwnerOnly()
    {
        using var backup = new TempFolder();
        await using var app = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
        var folder = backup.File("shop");

        var written = await app.RunCliAsync("backup", folder);

        Assert.True(written.ExitCode == 0, written.All);
        var folders = Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Append(folder).ToList();
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("master.pdf", StringComparison.Ordinal));
        Assert.All(folders, d => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task AFolderThatIsNotABackupIsRefusedWithAClearMessage()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var empty = new TempFolder();

        var result = await app.RunCliAsync("restore", empty.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a Storefront backup", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }
}
