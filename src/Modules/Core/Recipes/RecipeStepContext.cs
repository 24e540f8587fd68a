using System.Text.Json;

namespace Storefront.Core.Recipes;

/// <summary>One step of a recipe being imported, with helpers that name the step and field in every error.</summary>
public sealed class RecipeStepContext(int index, string name, JsonElement element, string recipeDirectory, List<string> errors, long maxFileBytes)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public JsonElement Element { get; } = element;

    /// <summary>File paths inside a recipe are relative to the recipe file.</summary>
    public string RecipeDirectory { get; } = recipeDirectory;

    /// <summary>The whole recipe, for a step that refers to items another step of the same recipe brings.</summary>
    public JsonElement Recipe { get; init; }

    public bool HasErrors => errors.Count > 0;

    /// <summary>
    /// The slugs the recipe's steps named <paramref name="stepName"/> list (<c>"products": [ { "slug": … } ]</c>): a step
    /// validated before anything is written can accept an item that an earlier step of the same import creates.
    /// </summary>
    public IEnumerable<string> SlugsIn(string stepName) =>
        Recipe.ValueKind == JsonValueKind.Object && Recipe.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
            ? steps.EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == stepName
                    && s.TryGetProperty(stepName, out var items) && items.ValueKind == JsonValueKind.Array)
                .SelectMany(s => s.GetProperty(stepName).EnumerateArray())
                .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String)
                .Select(i => i.GetProperty("slug").GetString()!.Trim())
            : [];

    public void Error(string field, string message) => errors.Add($"step {Index + 1} ('{Name}'), field '{field}': {message}");

    public string ResolvePath(string relative) => Path.GetFullPath(Path.Combine(RecipeDirectory, relative));

    /// <summary>
    /// Walks the step's array <paramref name="field"/>, reporting a missing array or an item that is not an object by its
    /// path (<c>pages[2]</c>), and keeps what <paramref name="read"/> makes of each object (the item, its path and its
    /// position); <paramref name="read"/> returns null after reporting why an item cannot be used.
    /// </summary>
    public List<T> Items<T>(string field, string what, Func<JsonElement, string, int, T?> read)
        where T : class
    {
        var items = new List<T>();
        if (!Element.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            Error(field, $"is required and must be an array of {what}");
            return items;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = $"{field}[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(at, "must be an object");
            }
            else if (read(element, at, index) is { } item)
            {
                items.Add(item);
            }

            index++;
        }

        return items;
    }

    public string? RequiredString(JsonElement parent, string field, string path)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Error(path, "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Error(path, "must be a non-empty string");
            return null;
        }

        return value.GetString()!.Trim();
    }

    public string? OptionalString(JsonElement parent, string field, string path)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        return value.GetString();
    }

    public long? Integer(JsonElement parent, string field, string path, bool required, long min, long max)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(path, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(path, "must be a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Error(path, min == 0 && number < 0 ? $"must not be negative (got {number})" : $"must be between {min} and {max} (got {number})");
            return null;
        }

        return number;
    }

    public bool? Boolean(JsonElement parent, string field, string path)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, "must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>
    /// A file the recipe references: a regular file whose real path (links followed) lies inside the recipe's folder,
    /// within the size limit. Anything else would let a recipe sell the server's own files or hang the import.
    /// </summary>
    public string? ExistingFile(JsonElement parent, string field, string path, bool required)
    {
        var relative = required ? RequiredString(parent, field, path) : OptionalString(parent, field, path);
        if (relative is null)
        {
            return null;
        }

        string real;
        try
        {
            var folder = RecipeFiles.RealPath(RecipeDirectory);
            real = RecipeFiles.RealPath(ResolvePath(relative));
            if (!real.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Error(path, $"'{relative}' is outside the recipe's folder; a recipe may only use files beside it");
                return null;
            }
        }
        catch (IOException ex)
        {
            Error(path, $"'{relative}' cannot be followed: {ex.Message}");
            return null;
        }

        if (!File.Exists(real) && !Directory.Exists(real))
        {
            Error(path, $"file '{relative}' was not found next to the recipe");
            return null;
        }

        if (!RecipeFiles.IsRegularFile(real))
        {
            Error(path, $"'{relative}' is not a regular file");
            return null;
        }

        if (new FileInfo(real).Length > maxFileBytes)
        {
            Error(path, $"'{relative}' is larger than {maxFileBytes / (1024 * 1024)} MB (Recipes__MaxFileMegabytes)");
            return null;
        }

        return real;
    }
}
