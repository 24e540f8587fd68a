namespace Storefront.Core.Recipes;

/// <summary><c>Recipes__*</c>: limits on the files a recipe may bring in.</summary>
public sealed class RecipeOptions
{
    /// <summary>Largest file a recipe may reference (a master PDF); images keep their own, smaller limits.</summary>
    public int MaxFileMegabytes { get; set; } = 2048;
}
