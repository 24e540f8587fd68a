using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Core.Data;

/// <summary>
/// One context over the whole database; each module contributes its entities. Names are
/// snake_case so the hand-written SQL migrations read the same on SQLite and PostgreSQL.
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

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName() is { } table ? SnakeCase(table) : null);
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
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
