using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Core.Data;

/// <summary>
/// Adds rows to a save before it is written, from what the save changes (versions, redirects, index work), so they are
/// written in the same transaction. Synchronous saves stage too: no path that saves can skip them.
/// </summary>
public abstract class StagingInterceptor : SaveChangesInterceptor
{
    /// <summary>Looks at the context's pending changes and stages what goes with them.</summary>
    protected abstract Task StageAsync(DbContext context, CancellationToken cancellationToken);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await StageAsync(context, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            StageAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }
}
