namespace Storefront.Core.Recipes;

/// <summary>
/// A named recipe step a module contributes. Validation must have no side effects: a recipe is
/// validated whole before any step applies, so a bad recipe writes nothing. More than one module may handle the same
/// step name; each reads only its own fields and they run in registration order.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken);

    /// <summary>Stages the step's changes; the importer commits every step in one transaction.</summary>
    Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken);
}
