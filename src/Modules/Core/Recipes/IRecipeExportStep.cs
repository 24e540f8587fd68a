namespace Storefront.Core.Recipes;

/// <summary>
/// The export side of a module's recipe steps, registered beside its <see cref="IRecipeStep"/> so a switched-off module
/// neither imports nor exports. Steps run in <see cref="Order"/>, which is also their order in the written recipe;
/// several modules may write fields of one step (the logo in <c>settings</c>), as on import.
/// </summary>
public interface IRecipeExportStep
{
    /// <summary>The name of the step it writes, as its importer expects it.</summary>
    string Name { get; }

    int Order { get; }

    Task ExportAsync(RecipeExport export, CancellationToken cancellationToken);
}
