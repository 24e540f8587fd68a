using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>
/// The schema the migrations actually built, read from the database's own catalogue (SQLite's pragmas, PostgreSQL's
/// pg_catalog), never from anything EF believes.
/// </summary>
public static class LiveSchema
{
    /// <summary>
    /// Ours but deliberately outside the EF model: the migrator's ledger of applied steps, the order-number
    /// counter that one raw UPDATE … RETURNING advances so two buyers never get the same number, and the catalogue's
    /// full-text index (an FTS5 table and its shadow tables on SQLite, a table of tsvectors on PostgreSQL).
    /// </summary>
    public static readonly string[] OutsideTheModel =
    [
        "schema_migrations", "counters",
        "catalog_search", "catalog_search_data", "catalog_search_idx", "catalog_search_content", "catalog_search_docsize", "catalog_search_config",
    ];

    public static async Task<IReadOnlyDictionary<string, TableShape>> ReadAsync(DbContext context, Db db)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        try
        {
            return db == Db.Sqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyDictionary<string, TableShape>> ReadSqliteAsync(DbConnection connection)
    {
        var tables = new Dictionary<string, TableShape>();
        var names = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var table in names.Where(n => !OutsideTheModel.Contains(n)))
        {
            var columns = await QueryAsync(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($t)",
                r => (Shape: new ColumnShape(r.GetString(0), StoreTypes.Normalize(Db.Sqlite, r.GetString(1)), r.GetInt64(2) == 0,
                    StoreTypes.NormalizeExpression(r.IsDBNull(3) ? null : r.GetString(3))), Pk: r.GetInt64(4)), table);
            var indexes = new List<IndexShape>();
            var list = await QueryAsync(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list($t)",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Origin: r.GetString(2), Partial: r.GetInt64(3) == 1), table);
            foreach (var index in list.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(connection, "SELECT name FROM pragma_index_info($t) ORDER BY seqno", r => r.GetString(0), index.Name);
                var sql = index.Partial
                    ? (await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $t", r => r.GetString(0), index.Name)).Single()
                    : null;
                var where = sql?.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) ?? -1;
                indexes.Add(new IndexShape(string.Join(", ", indexColumns), index.Unique, where < 0 ? null : StoreTypes.NormalizeExpression(sql![(where + 7)..])));
            }

            var keys = await QueryAsync(connection, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($t) ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Principal: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? null : r.GetString(3), OnDelete: r.GetString(4)), table);
            var foreignKeys = keys.GroupBy(k => k.Id).Select(g => new ForeignKeyShape(
                string.Join(", ", g.Select(k => k.From)), g.First().Principal, string.Join(", ", g.Select(k => k.To ?? "(primary key)")), g.First().OnDelete.ToUpperInvariant()))
                .ToList();
            tables[table] = new TableShape(table,
                columns.ToDictionary(c => c.Shape.Name, c => c.Shape),
                string.Join(", ", columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Shape.Name)),
                indexes,
                foreignKeys);
        }

        return tables;
    }

    private static async Task<IReadOnlyDictionary<string, TableShape>> ReadPostgresAsync(DbConnection connection)
    {
        const string Columns = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """;
        const string Indexes = """
            SELECT t.relname, ix.indisunique, ix.indisprimary, pg_get_expr(ix.indpred, ix.indrelid),
                   array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema()
            """;
        const string ForeignKeys = """
            SELECT t.relname, p.relname, con.confdeltype::text,
                   array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_class p ON p.oid = con.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE con.contype = 'f' AND n.nspname = current_schema()
            """;
        var columns = await QueryAsync(connection, Columns, r => (Table: r.GetString(0), Shape: new ColumnShape(r.GetString(1),
            StoreTypes.Normalize(Db.Postgres, r.GetString(2)), !r.GetBoolean(3), StoreTypes.NormalizeExpression(r.IsDBNull(4) ? null : r.GetString(4)))));
        var indexes = await QueryAsync(connection, Indexes, r => (Table: r.GetString(0), Unique: r.GetBoolean(1), Primary: r.GetBoolean(2),
            Filter: StoreTypes.NormalizeExpression(r.IsDBNull(3) ? null : r.GetString(3)), Columns: string.Join(", ", r.GetFieldValue<string[]>(4))));
        var keys = await QueryAsync(connection, ForeignKeys, r => (Table: r.GetString(0), Shape: new ForeignKeyShape(
            string.Join(", ", r.GetFieldValue<string[]>(3)), r.GetString(1), string.Join(", ", r.GetFieldValue<string[]>(4)), r.GetString(2) switch
            {
                "c" => "CASCADE",
                "n" => "SET NULL",
                "d" => "SET DEFAULT",
                "r" => "RESTRICT",
                _ => "NO ACTION",
            })));
        return columns.GroupBy(c => c.Table).Where(g => !OutsideTheModel.Contains(g.Key)).ToDictionary(g => g.Key, g => new TableShape(
            g.Key,
            g.ToDictionary(c => c.Shape.Name, c => c.Shape),
            indexes.FirstOrDefault(i => i.Table == g.Key && i.Primary).Columns ?? "",
            [.. indexes.Where(i => i.Table == g.Key && !i.Primary).Select(i => new IndexShape(i.Columns, i.Unique, i.Filter))],
            [.. keys.Where(k => k.Table == g.Key).Select(k => k.Shape)]));
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, string? parameter = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = "$t";
            p.Value = parameter;
            command.Parameters.Add(p);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
