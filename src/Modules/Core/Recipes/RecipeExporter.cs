using System.IO.Compression;
using System.Text.Json;

namespace Storefront.Core.Recipes;

/// <summary>What an export wrote: the recipe's path, the files beside it, and how many items each step lists.</summary>
public sealed record ExportResult(string RecipePath, int Files, IReadOnlyDictionary<string, int> Items)
{
    public int ItemsOf(string step) => Items.GetValueOrDefault(step);
}

/// <summary>
/// Writes the shop back out as a recipe in the import format (DESIGN.md) from every enabled module's export steps, with
/// every file in <c>media/</c> beside the recipe, so importing it into an empty store reproduces the shop.
/// </summary>
public sealed class RecipeExporter(IEnumerable<IRecipeExportStep> steps)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ExportResult> ExportAsync(string recipePath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(recipePath);
        var export = new RecipeExport(Path.GetDirectoryName(full)!);
        Directory.CreateDirectory(export.Root);
        foreach (var step in steps.OrderBy(s => s.Order))
        {
            await step.ExportAsync(export, cancellationToken);
        }

        await File.WriteAllTextAsync(full, export.ToRecipe("export").ToJsonString(Indented), cancellationToken);
        return new ExportResult(full, export.Files, export.ItemCounts());
    }

    /// <summary>Exports into a temporary folder and zips it (recipe.json + media/), for the settings page's download.</summary>
    public async Task<byte[]> ExportZipAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storefront-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExportAsync(Path.Combine(folder, "recipe.json"), cancellationToken);
            using var zip = new MemoryStream();
            await ZipFile.CreateFromDirectoryAsync(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false, cancellationToken);
            return zip.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
