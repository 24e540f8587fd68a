using System.Text.Json.Nodes;
using Storefront.Core.Content;

namespace Storefront.Core.Recipes;

/// <summary>
/// A recipe being written by the modules' export steps: each step's JSON, in the order the steps are first written, and
/// the folder beside the recipe whose <c>media/</c> holds its files, named as the recipe refers to them.
/// </summary>
public sealed class RecipeExport(string root)
{
    private readonly List<JsonObject> steps = [];
    private readonly Dictionary<string, string> mediaKeys = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public int Files { get; private set; }

    /// <summary>The step of this name; several modules may write their fields into one step.</summary>
    public JsonObject Step(string name)
    {
        if (steps.FirstOrDefault(s => (string?)s["name"] == name) is { } step)
        {
            return step;
        }

        step = new JsonObject { ["name"] = name };
        steps.Add(step);
        return step;
    }

    /// <summary>Adds an item to the step's list, the field named like the step (<c>"products": [ … ]</c>). A step without items is left out.</summary>
    public void AddItem(string stepName, JsonObject item)
    {
        var step = Step(stepName);
        ((step[stepName] ??= new JsonArray()) as JsonArray ?? throw new InvalidOperationException($"The '{stepName}' step's field is not a list.")).Add(item);
    }

    public int ItemCount(string stepName) => steps.FirstOrDefault(s => (string?)s["name"] == stepName)?[stepName] is JsonArray items ? items.Count : 0;

    /// <summary>Writes a file to <c>media/{relative}</c> and returns the path the recipe uses for it.</summary>
    public async Task<string> AddFileAsync(string relative, Stream content, CancellationToken cancellationToken)
    {
        var recipePath = "media/" + relative;
        var target = FullPath(recipePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var output = File.Create(target))
        {
            await content.CopyToAsync(output, cancellationToken);
        }

        Files++;
        return recipePath;
    }

    public string FullPath(string recipePath) => Path.Combine(Root, recipePath);

    /// <summary>
    /// Records that an image will be stored under another key when the recipe is imported, so that steps written after
    /// it point their <c>/media/…</c> links at the key the image will have.
    /// </summary>
    public void MediaKeyChanges(string exportedKey, string importedKey) => mediaKeys[exportedKey] = importedKey;

    /// <summary>Points <c>/media/…</c> links in Markdown at the keys the images get on import.</summary>
    public string Relink(string markdown) => mediaKeys.Aggregate(markdown, (text, key) => MediaUrl.Repoint(text, key.Key, key.Value));

    internal JsonObject ToRecipe(string name) => new() { ["name"] = name, ["steps"] = new JsonArray([.. steps]) };

    internal IReadOnlyDictionary<string, int> ItemCounts() =>
        steps.Select(s => (string)s["name"]!).Distinct().ToDictionary(n => n, ItemCount, StringComparer.Ordinal);
}
