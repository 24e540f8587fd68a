using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>What the EF model expects of the database, in the same terms <see cref="LiveSchema"/> reads it.</summary>
public static class ModelSchema
{
    public static IReadOnlyDictionary<string, TableShape> Read(DbContext context, Db db)
    {
        // The design-time model keeps every relational annotation (defaults, filters); the runtime one may drop some.
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        return model.Tables.ToDictionary(t => t.Name, t => new TableShape(
            t.Name,
            t.Columns.ToDictionary(c => c.Name, c => new ColumnShape(c.Name, StoreTypes.Normalize(db, c.StoreType), c.IsNullable, DefaultOf(c))),
            t.PrimaryKey is { } pk ? Join(pk.Columns) : "",
            [
                .. t.Indexes.Select(i => new IndexShape(Join(i.Columns), i.IsUnique, StoreTypes.NormalizeExpression(i.Filter))),
                .. t.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()).Select(u => new IndexShape(Join(u.Columns), true, null)),
            ],
            [.. t.ForeignKeyConstraints.Select(f => new ForeignKeyShape(
                Join(f.Columns), f.PrincipalTable.Name, Join(f.PrincipalColumns), OnDelete(f.OnDeleteAction)))]));
    }

    private static string? DefaultOf(IColumn column) =>
        StoreTypes.NormalizeExpression(column.DefaultValueSql
            ?? (column.DefaultValue is { } value ? column.StoreTypeMapping.GenerateSqlLiteral(value) : null));

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        ReferentialAction.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    private static string Join(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
