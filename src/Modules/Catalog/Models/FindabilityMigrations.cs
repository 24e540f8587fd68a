using Storefront.Core.Data;

namespace Storefront.Catalog.Models;

/// <summary>
/// SEO fields, old slugs, and the search index. The index lives outside the EF model: SQLite keeps it in an FTS5 table,
/// PostgreSQL in a table of tsvectors, and <see cref="Search.SearchIndex"/> writes both with plain SQL.
/// </summary>
internal static class FindabilityMigrations
{
    private static string SeoSqlite(string table) => string.Join(Environment.NewLine,
        new[] { "seo_title", "seo_description", "social_image", "canonical_url" }.Select(c => $"ALTER TABLE {table} ADD COLUMN {c} TEXT NULL;"));

    private static string SeoPostgres(string table) => $"""
        ALTER TABLE {table} ADD COLUMN seo_title VARCHAR(70) NULL, ADD COLUMN seo_description VARCHAR(160) NULL,
            ADD COLUMN social_image VARCHAR(2000) NULL, ADD COLUMN canonical_url VARCHAR(2000) NULL;
        """;

    public static readonly MigrationStep[] Steps =
    [
        new("0140-catalog-findability",
            Sqlite: $"""
                {SeoSqlite("products")}
                {SeoSqlite("pages")}
                CREATE TABLE slug_redirects (kind TEXT NOT NULL, old_slug TEXT NOT NULL, item_id TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (kind, old_slug));
                CREATE INDEX ix_slug_redirects_item_id ON slug_redirects (item_id);
                CREATE VIRTUAL TABLE catalog_search USING fts5(item_id UNINDEXED, kind UNINDEXED, title, body, tokenize = 'porter unicode61');
                """,
            Postgres: $"""
                {SeoPostgres("products")}
                {SeoPostgres("pages")}
                CREATE TABLE slug_redirects (kind VARCHAR(10) NOT NULL, old_slug VARCHAR(100) NOT NULL, item_id UUID NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (kind, old_slug));
                CREATE INDEX ix_slug_redirects_item_id ON slug_redirects (item_id);
                CREATE TABLE catalog_search (item_id UUID NOT NULL PRIMARY KEY, kind VARCHAR(10) NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    title_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED,
                    body_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);
                CREATE INDEX ix_catalog_search_title_vector ON catalog_search USING GIN (title_vector);
                CREATE INDEX ix_catalog_search_body_vector ON catalog_search USING GIN (body_vector);
                """),

        // Field values joined the indexed text: an empty index is refilled, values included, by the backfill at start.
        new("0180-catalog-search-fields", Sqlite: "DELETE FROM catalog_search;", Postgres: "DELETE FROM catalog_search;"),
    ];
}
