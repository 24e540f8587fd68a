using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>
/// Which version of its product an order line was bought at (the catalogue's live version when checkout began), beside
/// the price the line keeps: a later edit or a published draft changes neither. A table of its own because the line's
/// table is older than this record; lines from before it have none.
/// </summary>
public sealed class OrderLineVersion
{
    public Guid OrderLineId { get; set; }

    public int ProductVersion { get; set; }
}

internal sealed class OrderLineVersionModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<OrderLineVersion>(entity =>
    {
        entity.ToTable("order_line_versions");
        entity.HasKey(v => v.OrderLineId);
    });
}

internal sealed class OrderLineVersionMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0179-payments-order-line-versions",
            Sqlite: "CREATE TABLE order_line_versions (order_line_id TEXT NOT NULL PRIMARY KEY, product_version INTEGER NOT NULL);",
            Postgres: "CREATE TABLE order_line_versions (order_line_id UUID NOT NULL PRIMARY KEY, product_version INTEGER NOT NULL);"),
    ];
}
