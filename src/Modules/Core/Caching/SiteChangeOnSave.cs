using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;

namespace Storefront.Core.Caching;

/// <summary>
/// Announces a tag whenever a save adds, changes or removes an entity of the given types, so every path that edits what
/// visitors see (admin forms, recipe imports, offers) invalidates without each remembering to. Inside a transaction the
/// announcement waits for the commit. Bulk updates (<c>ExecuteUpdate</c>) bypass the change tracker: they call
/// <see cref="ISiteChanges"/> themselves.
/// </summary>
internal sealed class SiteChangeOnSave(string tag, IReadOnlySet<Type> types, SiteChangesCommitWatch watch) : ChangeNoticingInterceptor
{
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

    protected override bool Touches(DbContext context) => context.ChangeTracker.Entries()
        .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && types.Contains(e.Metadata.ClrType));

    private Task AnnounceAsync(DbContext? context)
    {
        if (context is null || !Take(context))
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
