using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Search;

/// <summary>
/// Builds index documents from the store as it stands, field values included: a product's words come from its row
/// and from the values of its fields, which are saved on their own, so a document is always read back whole rather
/// than pieced together from whatever one save happened to touch.
/// </summary>
internal static class SearchDocuments
{
    /// <summary>
    /// The field types whose values are words a buyer would search for. Numbers, dates, yes/no, links and media items
    /// are left out: their values are figures, flags and addresses that would match unrelated queries.
    /// </summary>
    public static readonly string[] SearchableTypes = [ContentFieldTypes.Text, ContentFieldTypes.Markdown, ContentFieldTypes.Choice];

    /// <summary>The documents of the products and pages among <paramref name="ids"/> (every one when null), and the ids no item has.</summary>
    public static async Task<(List<SearchDocument> Documents, List<Guid> Missing)> LoadAsync(
        DbContext db, MarkdownRenderer markdown, IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken)
    {
        var products = db.Set<Product>().AsNoTracking();
        var pages = db.Set<ContentPage>().AsNoTracking();
        var values = db.Set<ContentFieldValue>().AsNoTracking();
        if (ids is not null)
        {
            if (ids.Count == 0)
            {
                return ([], []);
            }

            products = products.Where(p => ids.Contains(p.Id));
            pages = pages.Where(p => ids.Contains(p.Id));
            values = values.Where(v => ids.Contains(v.ItemId));
        }

        var fields = (await db.Set<ContentField>().AsNoTracking().Where(f => f.RemovedAt == null && SearchableTypes.Contains(f.Type))
            .ToListAsync(cancellationToken)).ToDictionary(f => (f.Kind, f.Key));
        var byItem = (await values.ToListAsync(cancellationToken)).ToLookup(v => v.ItemId);

        string FieldText(Guid id, string kind) => string.Join(' ', byItem[id]
            .Select(v => (Value: v, Field: fields.GetValueOrDefault((kind, v.FieldKey))))
            .Where(x => x.Field is not null)
            .OrderBy(x => x.Field!.Position).ThenBy(x => x.Field!.Key, StringComparer.Ordinal)
            .Select(x => x.Field!.Type == ContentFieldTypes.Markdown ? markdown.ToPlainText(x.Value.Value, int.MaxValue) : x.Value.Value));

        var documents = new List<SearchDocument>();
        documents.AddRange((await products.ToListAsync(cancellationToken)).Select(p => SearchDocument.Of(p, markdown, FieldText(p.Id, ContentKinds.Product))));
        documents.AddRange((await pages.ToListAsync(cancellationToken)).Select(p => SearchDocument.Of(p, markdown, FieldText(p.Id, ContentKinds.Page))));
        var found = documents.Select(d => d.ItemId).ToHashSet();
        return (documents, ids is null ? [] : [.. ids.Where(id => !found.Contains(id))]);
    }
}
