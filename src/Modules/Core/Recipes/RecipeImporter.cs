using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Core.Recipes;

public sealed record RecipeResult(string Name, int Changes);

/// <summary>A recipe that was refused whole; nothing of it was written.</summary>
public sealed class RecipeException(IReadOnlyList<string> errors)
    : Exception("The recipe was refused:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Imports a recipe: parse, validate every step (all errors reported at once), then apply all steps
/// in one database transaction. Steps match existing items by slug, so a second import changes nothing.
/// </summary>
public sealed class RecipeImporter(StorefrontDbContext db, IEnumerable<IRecipeStep> steps, IOptions<RecipeOptions> options,
    ILogger<RecipeImporter> logger)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public async Task<RecipeResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RecipeException([$"recipe file '{path}' was not found"]);
        }

        await using var stream = File.OpenRead(full);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new RecipeException([$"the file is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"]);
        }

        using (document)
        {
            return await ImportAsync(document.RootElement, Path.GetDirectoryName(full)!, cancellationToken);
        }
    }

    public async Task<RecipeResult> ImportAsync(JsonElement root, string recipeDirectory, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var contexts = Prepare(root, recipeDirectory, errors);
        foreach (var (handler, context) in contexts)
        {
            await handler.ValidateAsync(context, cancellationToken);
        }

        if (errors.Count > 0)
        {
            throw new RecipeException(errors);
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "recipe";
        var strategy = db.Database.CreateExecutionStrategy();
        var changes = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var total = 0;
            foreach (var (handler, context) in contexts)
            {
                total += await handler.ApplyAsync(context, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return total;
        });
        db.ChangeTracker.Clear();
        logger.LogInformation("Imported recipe {Recipe}: {Changes} change(s)", name, changes);
        return new RecipeResult(name, changes);
    }

    private List<(IRecipeStep Handler, RecipeStepContext Context)> Prepare(JsonElement root, string directory, List<string> errors)
    {
        var result = new List<(IRecipeStep, RecipeStepContext)>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("the recipe must be a JSON object with a 'steps' array");
            return result;
        }

        if (!root.TryGetProperty("steps", out var stepArray) || stepArray.ValueKind != JsonValueKind.Array)
        {
            errors.Add("field 'steps': is required and must be an array");
            return result;
        }

        // Several modules may handle one step, each reading its own fields (the settings step's logo needs the media store).
        var handlers = steps.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var index = 0;
        foreach (var element in stepArray.EnumerateArray())
        {
            var stepName = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var nameElement)
                && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : null;
            if (stepName is null)
            {
                errors.Add($"step {index + 1}, field 'name': every step needs a name");
            }
            else if (!handlers.TryGetValue(stepName, out var stepHandlers))
            {
                errors.Add($"step {index + 1}, field 'name': unknown step '{stepName}' (known steps: {string.Join(", ", handlers.Keys.Order())})");
            }
            else
            {
                var context = new RecipeStepContext(index, stepName, element, directory, errors, options.Value.MaxFileMegabytes * 1024L * 1024)
                {
                    Recipe = root,
                };
                result.AddRange(stepHandlers.Select(handler => (handler, context)));
            }

            index++;
        }

        return result;
    }
}
