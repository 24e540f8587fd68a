using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Search;

/// <summary>
/// One product or page as the index holds it: normalised words of its titles, and of its texts and searchable field
/// values, which weigh the same as its description (a title outranks both).
/// </summary>
internal sealed record SearchDocument(Guid ItemId, string Kind, string Title, string Body)
{
    public static SearchDocument Of(Product product, MarkdownRenderer markdown, string fields) =>
        Build(product.Id, SlugRedirectKinds.Product, product, product.Title, markdown.ToPlainText(product.Description, int.MaxValue), fields);

    public static SearchDocument Of(ContentPage page, MarkdownRenderer markdown, string fields) =>
        Build(page.Id, SlugRedirectKinds.Page, page, page.Title, markdown.ToPlainText(page.Body, int.MaxValue), fields);

    private static SearchDocument Build(Guid id, string kind, ISeoItem seo, string title, string text, string fields) =>
        new(id, kind, SearchText.Normalize($"{title} {seo.SeoTitle}"), SearchText.Normalize($"{text} {seo.SeoDescription} {fields}"));
}

/// <summary>Which field of a document a query word was found in.</summary>
internal readonly record struct SearchHit(Guid ItemId, int Term, bool InTitle);

/// <summary>
/// The full-text index behind storefront and admin search, written and read with plain SQL: an FTS5 table (porter
/// stemmer) on SQLite, generated English tsvectors on PostgreSQL. Each database only says which documents hold a word
/// and in which field; <see cref="SearchRanking"/> orders them the same way on both.
/// </summary>
internal static class SearchIndex
{
    /// <remarks>
    /// Two saves of one item at once would each delete its row and then each insert one: on PostgreSQL the second insert
    /// breaks the key, and SQLite's FTS table, which has none, would list the item twice. So the write is one transaction
    /// (SQLite's single writer then takes them in turn) and PostgreSQL's insert replaces a row it meets.
    /// </remarks>
    public static async Task WriteAsync(DbContext db, IReadOnlyCollection<Guid> removed, IReadOnlyCollection<SearchDocument> documents,
        CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            foreach (var id in removed.Concat(documents.Select(d => d.ItemId)))
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM catalog_search WHERE item_id = {Key(db, id)}", cancellationToken);
            }

            foreach (var document in documents)
            {
                await (db.Database.IsSqlite()
                    ? db.Database.ExecuteSqlAsync(
                        $"INSERT INTO catalog_search (item_id, kind, title, body) VALUES ({Key(db, document.ItemId)}, {document.Kind}, {document.Title}, {document.Body})",
                        cancellationToken)
                    : db.Database.ExecuteSqlAsync(
                        $"INSERT INTO catalog_search (item_id, kind, title, body) VALUES ({Key(db, document.ItemId)}, {document.Kind}, {document.Title}, {document.Body}) ON CONFLICT (item_id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, body = EXCLUDED.body",
                        cancellationToken));
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Empties the index and fills it from every product and page, in one transaction.</summary>
    public static async Task RebuildAsync(DbContext db, MarkdownRenderer markdown, CancellationToken cancellationToken)
    {
        var (documents, _) = await SearchDocuments.LoadAsync(db, markdown, ids: null, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM catalog_search", cancellationToken);
        await WriteAsync(db, [], documents, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM catalog_search").SingleAsync(cancellationToken);

    /// <summary>Every document holding any of <paramref name="terms"/>, once per term and field it was found in.</summary>
    public static async Task<List<SearchHit>> FindAsync(DbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        if (terms.Count == 0)
        {
            return hits;
        }

        var sqlite = db.Database.IsSqlite();
        var branches = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            // Only the term is a parameter; the numbers are our own loop's.
            branches.Add(sqlite
                ? $"SELECT item_id, {i}, 1 FROM catalog_search WHERE catalog_search MATCH @t{i}title UNION ALL "
                    + $"SELECT item_id, {i}, 0 FROM catalog_search WHERE catalog_search MATCH @t{i}body"
                : $"SELECT item_id::text, {i}, 1 FROM catalog_search WHERE title_vector @@ plainto_tsquery('english', @t{i}) UNION ALL "
                    + $"SELECT item_id::text, {i}, 0 FROM catalog_search WHERE body_vector @@ plainto_tsquery('english', @t{i})");
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = string.Join(" UNION ALL ", branches);
            for (var i = 0; i < terms.Count; i++)
            {
                // A term is letters and digits only (SearchText), quoted so FTS5 reads it as a word, never as syntax.
                if (sqlite)
                {
                    Add(command, $"@t{i}title", $"title : \"{terms[i]}\"");
                    Add(command, $"@t{i}body", $"body : \"{terms[i]}\"");
                }
                else
                {
                    Add(command, $"@t{i}", terms[i]);
                }
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new SearchHit(Guid.Parse(reader.GetString(0)), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)) == 1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return hits;
    }

    private static object Key(DbContext db, Guid id) => db.Database.IsSqlite() ? id.ToString() : id;

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
