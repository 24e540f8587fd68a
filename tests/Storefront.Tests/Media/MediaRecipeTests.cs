using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Media;

/// <summary>Folders and alt text travel through the <c>media</c> recipe step: import, import again, export, import the export.</summary>
public sealed class MediaRecipeTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task FoldersAndAltTextImportOnceAndExportBackToTheSameLibrary(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(folder.File("media")).FullName, "boats.jpg"), MediaFiles.Photo(500, 400));
        var recipe = new TestRecipe().Step(new JsonObject
        {
            ["name"] = "media",
            ["folders"] = new JsonArray("Photos", "Photos/Empty for now"),
            ["media"] = new JsonArray(
                new JsonObject { ["file"] = "media/boats.jpg", ["name"] = "Boats", ["altText"] = "Boats at dawn", ["folder"] = "Photos/Harbour" },
                new JsonObject { ["file"] = "media/cover.png", ["altText"] = "A test card" }),
        }).WriteTo(folder.Path);

        var first = await source.ImportAsync(recipe);
        var second = await source.ImportAsync(recipe);

        // Two images (whose paths make "Photos/Harbour" along with them) and the folder only the list names.
        Assert.Equal(3, first.Changes);
        Assert.Equal(0, second.Changes);
        var expected = await LibraryAsync(source);
        Assert.Equal(
            [("Boats", "Boats at dawn", "Photos/Harbour", 500, 400), ("cover.png", "A test card", "", 64, 48)],
            expected.Images);
        Assert.Equal(["Photos", "Photos/Empty for now", "Photos/Harbour"], expected.Folders);

        using var export = new TempFolder();
        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));
        Assert.True(run.ExitCode == 0, run.All);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray()
            .Single(s => (string?)s!["name"] == "media")!;
        Assert.Equal("Photos/Harbour", (string?)exported["media"]!.AsArray().Single(i => (string?)i!["name"] == "Boats")!["folder"]);

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        Assert.Equal(expected, await LibraryAsync(target));
        Assert.Equal(0, (await target.ImportAsync(export.File("shop.recipe.json"))).Changes);
        source.Logs.AssertNoErrors();
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABadFolderPathIsRefusedWholeWithTheFieldNamed()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var recipe = new TestRecipe().Step(new JsonObject
        {
            ["name"] = "media",
            ["folders"] = new JsonArray("Photos"),
            ["media"] = new JsonArray(new JsonObject { ["file"] = "media/cover.png", ["folder"] = " / " }),
        }).WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<Storefront.Core.Recipes.RecipeException>(() => app.ImportAsync(recipe));

        Assert.Contains("step 1 ('media'), field 'media[0].folder': must name a folder, such as \"Photos/Harbour\"", refused.Errors);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<MediaFolder>().CountAsync()));
    }

    private static Task<Library> LibraryAsync(StorefrontApp app) => app.WithDbAsync(async d =>
    {
        var folders = await d.Set<MediaFolder>().AsNoTracking().ToListAsync();
        var images = await d.Set<MediaAsset>().AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        return new Library(
            [.. images.Select(a => (a.Name, a.AltText, MediaFolders.PathOf(a.FolderId, folders), a.Width, a.Height))],
            [.. folders.Select(f => MediaFolders.PathOf(f.Id, folders)).Order(StringComparer.Ordinal)]);
    });

    private sealed record Library(List<(string, string, string, int, int)> Images, List<string> Folders)
    {
        public bool Equals(Library? other) => other is not null && Images.SequenceEqual(other.Images) && Folders.SequenceEqual(other.Folders);

        public override int GetHashCode() => Images.Count;
    }
}
