using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Recipes;
using Storefront.Core.Settings;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Recipes;

/// <summary>A recipe may read only regular files inside its own folder, whatever its paths and links say.</summary>
public sealed class RecipeFileConfinementTests
{
    private const string Master = "step 2 ('products'), field 'products[0].master': ";

    public static TheoryData<string, Action<Paths, JsonObject, JsonObject>, string, string> EscapingRecipes => new()
    {
        { "climbs out with ../", (p, _, product) => Set(product, "master", Path.GetRelativePath(p.Folder, p.OutsidePdf)), Master, "is outside the recipe's folder" },
        { "absolute path", (p, _, product) => Set(product, "master", p.OutsidePdf), Master, "is outside the recipe's folder" },
        { "system file", (_, _, product) => Set(product, "master", "../../../../../../../../etc/passwd"), Master, "is outside the recipe's folder" },
        { "link to a file outside", (p, _, product) => Set(product, "master", Link(p, "media/linked.pdf", p.OutsidePdf)), Master, "is outside the recipe's folder" },
        { "link to a folder outside", (p, _, product) => Set(product, "master", Link(p, "media/elsewhere", Path.GetDirectoryName(p.OutsidePdf)!) + "/outside.pdf"),
            Master, "is outside the recipe's folder" },
        { "link to a device", (p, _, product) => Set(product, "master", Link(p, "media/zero.pdf", "/dev/zero")), Master, "is outside the recipe's folder" },
        { "device", (_, _, product) => Set(product, "master", "/dev/zero"), Master, "is outside the recipe's folder" },
        { "pipe inside the folder", (p, _, product) => Set(product, "master", Fifo(p, "media/pipe.pdf")), Master, "is not a regular file" },
        { "folder inside the folder", (_, _, product) => Set(product, "master", "media"), Master, "is not a regular file" },
        { "cover through a link", (p, _, product) => Set(product, "cover", Link(p, "media/cover-link.png", p.OutsidePdf)),
            "step 2 ('products'), field 'products[0].cover': ", "'media/cover-link.png' is outside the recipe's folder" },
        { "logo from outside", (p, recipe, _) => Set(recipe["steps"]![0]!.AsObject(), "logo", p.OutsidePdf), "step 1 ('settings'), field 'logo': ", "is outside the recipe's folder" },
    };

    [Theory]
    [MemberData(nameof(EscapingRecipes))]
    public async Task FileOutsideTheRecipeFolderRefusesTheRecipeWhole(string name, Action<Paths, JsonObject, JsonObject> breakIt, string field, string reason)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var path = new TestRecipe().Settings("Should Not Stick").Products(TestRecipe.Product("good", "Good")).WriteTo(folder.Path);
        var paths = new Paths(folder.Path, outside.File("outside.pdf"));
        File.Copy(folder.File("media/master.pdf"), paths.OutsidePdf);
        var recipe = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        breakIt(paths, recipe, recipe["steps"]![1]!["products"]![0]!.AsObject());
        File.WriteAllText(path, recipe.ToJsonString());

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(error.Errors.Any(e => e.StartsWith(field, StringComparison.Ordinal) && e.Contains(reason, StringComparison.Ordinal)),
            $"{name}: {string.Join(" | ", error.Errors)}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SiteSetting>().CountAsync()));
        Assert.Empty(Directory.Exists(app.Folder.File("storage")) ? Directory.GetFiles(app.Folder.File("storage"), "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task LinksThatStayInsideTheFolderAreFollowed()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Products(TestRecipe.Product("good", "Good")).WriteTo(folder.Path);
        Directory.CreateSymbolicLink(folder.File("files"), folder.File("media"));
        File.WriteAllText(path, File.ReadAllText(path).Replace("media/master.pdf", "files/../files/master.pdf", StringComparison.Ordinal));

        var result = await app.ImportAsync(path);

        Assert.Equal(1, result.Changes);
    }

    [Fact]
    public async Task MasterAboveTheConfiguredLimitIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Recipes:MaxFileMegabytes"] = "1" });
        using var folder = new TempFolder();
        var path = new TestRecipe().Settings("Should Not Stick").Products(TestRecipe.Product("good", "Good")).WriteTo(folder.Path);
        using (var master = File.OpenWrite(folder.File("media/master.pdf")))
        {
            master.SetLength(1024 * 1024 + 1);
        }

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(error.Errors, e => e.Contains(Master + "'media/master.pdf' is larger than 1 MB", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync()));
    }

    [Fact]
    public async Task CommandLineRefusesADeviceAsMasterWithoutHanging()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Settings("Should Not Stick").Products(TestRecipe.Product("good", "Good")).WriteTo(folder.Path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("media/master.pdf", "/dev/zero", StringComparison.Ordinal));

        var refused = await app.RunCliAsync("recipe", "import", path).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(Master + "'/dev/zero' is outside the recipe's folder", refused.Error);
        Assert.Contains("Nothing was imported", refused.Error);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync()));
    }

    public sealed record Paths(string Folder, string OutsidePdf);

    private static void Set(JsonObject owner, string field, string value) => owner[field] = value;

    private static string Link(Paths paths, string relative, string target)
    {
        var link = Path.Combine(paths.Folder, relative);
        if (Directory.Exists(target))
        {
            Directory.CreateSymbolicLink(link, target);
        }
        else
        {
            File.CreateSymbolicLink(link, target);
        }

        return relative;
    }

    private static string Fifo(Paths paths, string relative)
    {
        using var mkfifo = Process.Start("mkfifo", Path.Combine(paths.Folder, relative));
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return relative;
    }
}
