using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Core.Data;

/// <summary>
/// Remembers, from the start of a save to its end, which contexts are saving something a subclass reacts to: the change
/// tracker no longer shows what was saved once the save is done.
/// </summary>
public abstract class ChangeNoticingInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> touched = new();

    /// <summary>Whether the context's pending changes include something of interest.</summary>
    protected abstract bool Touches(DbContext context);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Whether the context had noticed changes; they count once.</summary>
    protected bool Take(DbContext? context) => context is not null && touched.Remove(context);

    protected void Forget(DbContext? context)
    {
        if (context is not null)
        {
            touched.Remove(context);
        }
    }

    private void Note(DbContext? context)
    {
        if (context is not null && Touches(context))
        {
            touched.AddOrUpdate(context, true);
        }
    }
}
