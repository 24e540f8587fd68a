using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Host;

namespace Storefront.Tests.Modules;

/// <summary>Which module owns which entity type and table: what each module's <see cref="IEntityModelContributor"/> adds to the model.</summary>
internal static class ModuleModels
{
    /// <summary>
    /// Core is the shared kernel every module is built on (settings, audit log, outbox, key ring): its tables are
    /// reached through its own services, which is what the rule asks of everyone else, so they are not counted as owned.
    /// </summary>
    public const string Kernel = "Core";

    public static IReadOnlyList<ModuleDescriptor> All { get; } = [.. StorefrontModules.All.Select(ModuleDescriptor.For)];

    public static ModuleBoundaryChecker Checker()
    {
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in All.Where(m => m.Name != Kernel))
        {
            foreach (var type in module.Assembly.GetTypes().Where(t => typeof(IEntityModelContributor).IsAssignableFrom(t) && !t.IsAbstract))
            {
                using var context = new OneContributorContext((IEntityModelContributor)Activator.CreateInstance(type, nonPublic: true)!);
                foreach (var entity in context.Model.GetEntityTypes())
                {
                    entities[entity.ClrType.FullName!] = module.Name;
                    if (entity.GetTableName() is { } table)
                    {
                        tables[table] = module.Name;
                    }
                }
            }
        }

        return new ModuleBoundaryChecker(entities, tables);
    }
}

/// <summary>One module's entities under the shop's own naming convention, so table names are the ones in the database.</summary>
internal sealed class OneContributorContext(IEntityModelContributor contributor) : DbContext(
    new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").UseSnakeCaseNamingConvention().EnableServiceProviderCaching(false).Options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => contributor.Contribute(modelBuilder);
}
