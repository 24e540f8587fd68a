using Microsoft.EntityFrameworkCore;

namespace Storefront.Core.Recipes;

/// <summary>
/// A step that lists items (products, pages, images): read and checked whole when the recipe is validated, then staged one
/// by one, each saying whether it changed anything, so a second import counts no changes.
/// </summary>
public abstract class ItemsRecipeStep<TItem> : IRecipeStep
{
    public abstract string Name { get; }

    public virtual Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        Read(step);
        return Task.CompletedTask;
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        var items = Read(step);
        foreach (var item in items)
        {
            changes += await ApplyAsync(item, cancellationToken) ? 1 : 0;
        }

        return changes + await LinkAsync(items, cancellationToken);
    }

    /// <summary>
    /// Stages what links items of the step to each other, once every item is staged, so that the order of the file does
    /// not matter; returns how many items it changed.
    /// </summary>
    protected virtual Task<int> LinkAsync(List<TItem> items, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>The step's usable items; every problem is reported through <paramref name="step"/>.</summary>
    protected abstract List<TItem> Read(RecipeStepContext step);

    /// <summary>Stages one validated item in the unit of work; returns whether it changed anything.</summary>
    protected abstract Task<bool> ApplyAsync(TItem item, CancellationToken cancellationToken);

    /// <summary>Whether staging left <paramref name="entity"/> new or with a value changed: an item imported again as it was is no change.</summary>
    protected static bool Changed(DbContext db, object entity)
    {
        var entry = db.Entry(entity);
        return entry.State == EntityState.Added || entry.Properties.Any(p => p.IsModified);
    }
}
