using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Caching;

/// <summary>
/// Announces a tag whenever a save adds, changes or removes an entity of the given types, so every path that edits what
/// visitors see (admin forms, recipe imports, offers) invalidates without each remembering to. Inside a transaction the
/// announcement waits for the commit. Bulk updates (<c>ExecuteUpdate</c>) bypass the change tracker: they call
/// <see cref="ISiteChanges"/> themselves.
/// </summary>
internal sealed class SiteChangeOnSave(string tag, IReadOnlySet<Type> types, SiteChangesCommitWatch watch) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> touched = new();

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnnounceAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AnnounceAsync(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && types.Contains(e.Metadata.ClrType)))
        {
            touched.AddOrUpdate(context, true);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            touched.Remove(context);
        }
    }

    private Task AnnounceAsync(DbContext? context)
    {
        if (context is null || !touched.Remove(context))
        {
            return Task.CompletedTask;
        }

        if (context.Database.CurrentTransaction is not null)
        {
            watch.AnnounceOnCommit(context, tag);
            return Task.CompletedTask;
        }

        return watch.AnnounceAsync([tag], CancellationToken.None);
    }
}

public static class SiteChangeOnSaveExtensions
{
    /// <summary>Saves that touch any of <paramref name="types"/> announce <paramref name="tag"/>.</summary>
    public static IServiceCollection AddSiteChangeOnSave(this IServiceCollection services, string tag, params Type[] types) =>
        services.AddSingleton<IInterceptor>(provider =>
            new SiteChangeOnSave(tag, types.ToHashSet(), provider.GetRequiredService<SiteChangesCommitWatch>()));
}
