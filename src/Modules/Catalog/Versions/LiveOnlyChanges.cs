using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Taxonomies;

namespace Storefront.Catalog.Versions;

/// <summary>
/// Categories, tags and the fields defined at /admin/fields are not part of a product's versions: they change what buyers
/// see as soon as they are saved. A draft that would change them is stopped with a message under each, keeping what was
/// typed, rather than saved without them.
/// </summary>
public sealed class LiveOnlyChanges(ProductTerms terms, ContentFields fields)
{
    public const string NotInDrafts = "not kept in drafts: Save changes it for buyers now; put it back as it was to save a draft.";

    /// <summary>Reports each such change through <paramref name="error"/> (field under the form, message).</summary>
    public async Task CheckAsync(Product live, ProductForm input, Action<string, string> error, CancellationToken cancellationToken)
    {
        var current = await terms.FormForAsync(live.Id, cancellationToken);
        if (!current.CategoryIds.ToHashSet().SetEquals(input.Terms.CategoryIds))
        {
            error("Terms.CategoryIds", "Categories are " + NotInDrafts);
        }

        if (!TagAddresses(current).SetEquals(TagAddresses(input.Terms)))
        {
            error("Terms.Tags", "Tags are " + NotInDrafts);
        }

        var stored = await fields.ValuesAsync(live.Id, cancellationToken);
        var typed = await fields.ReadAsync(ContentKinds.Product, input.Fields, (key, message) => error($"Fields[{key}]", message), cancellationToken);
        foreach (var (key, value) in typed.Where(v => v.Value != stored.GetValueOrDefault(v.Key)))
        {
            error($"Fields[{key}]", "This field is " + NotInDrafts);
        }
    }

    private static HashSet<string> TagAddresses(ProductTermsForm form) => [.. form.TagNames().Select(Slugs.From)];
}
