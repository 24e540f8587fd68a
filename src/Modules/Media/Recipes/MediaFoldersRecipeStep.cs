using Storefront.Core.Recipes;
using Storefront.Media.Library;

namespace Storefront.Media.Recipes;

/// <summary>
/// The <c>media</c> step's optional <c>"folders": ["Photos", "Photos/Harbour"]</c>: folders made even when no image is filed
/// in them yet (an image's own <c>"folder"</c> makes its folder too). A folder that exists is matched by its path.
/// </summary>
internal sealed class MediaFoldersRecipeStep(MediaFolders folders) : IRecipeStep
{
    public string Name => "media";

    public Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        Read(step);
        return Task.CompletedTask;
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var before = (await folders.AllAsync(cancellationToken)).Count;
        foreach (var path in Read(step))
        {
            await folders.EnsurePathAsync(path, cancellationToken);
        }

        return (await folders.AllAsync(cancellationToken)).Count - before;
    }

    private static List<string> Read(RecipeStepContext step)
    {
        if (!step.Element.TryGetProperty("folders", out var list))
        {
            return [];
        }

        var paths = new List<string>();
        if (list.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            step.Error("folders", "must be an array of folder paths such as \"Photos/Harbour\"");
            return paths;
        }

        foreach (var (element, index) in list.EnumerateArray().Select((e, i) => (e, i)))
        {
            var at = $"folders[{index}]";
            if (element.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                step.Error(at, "must be a folder path such as \"Photos/Harbour\"");
            }
            else if (MediaFolders.PathProblem(element.GetString()!) is { } problem)
            {
                step.Error(at, problem);
            }
            else
            {
                paths.Add(element.GetString()!);
            }
        }

        return paths;
    }
}
