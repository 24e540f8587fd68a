using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Core.Data;

/// <summary>
/// One context over the whole database; each module contributes its entities. Names are
/// snake_case (EFCore.NamingConventions, set where the provider is chosen) so the hand-written SQL
/// migrations read the same on SQLite and PostgreSQL.
/// </summary>
public sealed class StorefrontDbContext(
    DbContextOptions<StorefrontDbContext> options,
    IEnumerable<IEntityModelContributor> contributors) : DbContext(options)
{
    internal IReadOnlyList<IEntityModelContributor> Contributors { get; } = contributors.ToList();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are stored and read as UTC on both providers; SQLite forgets the kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var contributor in Contributors)
        {
            contributor.Contribute(modelBuilder);
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The model depends on which modules contributed to it, so the cache key does too.</summary>
internal sealed class ContributorModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => context is StorefrontDbContext storefront
        ? (context.GetType(), string.Join('|', storefront.Contributors.Select(c => c.GetType().FullName)), designTime)
        : (context.GetType(), designTime);
}
