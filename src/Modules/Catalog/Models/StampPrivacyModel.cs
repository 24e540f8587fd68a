using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Catalog.Models;

/// <summary>A product's choice of what its copies' visible stamp shows, stored by name; null follows the shop.</summary>
internal sealed class StampPrivacyModel : IEntityModelContributor, IDataMigration
{
    public void Contribute(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Product>().Property(p => p.StampPrivacy).HasConversion<string>().HasMaxLength(20);

    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0185-catalog-product-stamp-privacy",
            Sqlite: "ALTER TABLE products ADD COLUMN stamp_privacy TEXT NULL;",
            Postgres: "ALTER TABLE products ADD COLUMN stamp_privacy VARCHAR(20) NULL;"),
    ];
}
