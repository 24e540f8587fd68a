using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Fields;

/// <summary>The defined fields of products and pages, and their values: read for forms and pages, checked and staged on save.</summary>
public sealed class ContentFields(StorefrontDbContext db, IBlobStore blobs)
{
    /// <summary>The fields editors fill in, in their order; removed ones only when asked.</summary>
    public async Task<IReadOnlyList<ContentField>> DefinitionsAsync(string kind, CancellationToken cancellationToken, bool withRemoved = false) =>
        await db.Set<ContentField>().AsNoTracking().Where(f => f.Kind == kind && (withRemoved || f.RemovedAt == null))
            .OrderBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(cancellationToken);

    /// <summary>The position after the kind's last field: where a new or restored field goes.</summary>
    public async Task<int> NextPositionAsync(string kind, CancellationToken cancellationToken) =>
        await db.Set<ContentField>().Where(f => f.Kind == kind && f.RemovedAt == null).Select(f => (int?)f.Position).MaxAsync(cancellationToken) + 1 ?? 0;

    public async Task<Dictionary<string, string>> ValuesAsync(Guid itemId, CancellationToken cancellationToken) =>
        await db.Set<ContentFieldValue>().AsNoTracking().Where(v => v.ItemId == itemId).ToDictionaryAsync(v => v.FieldKey, v => v.Value, cancellationToken);

    /// <summary>How many items hold a value of the field.</summary>
    public Task<int> CountValuesAsync(ContentField field, CancellationToken cancellationToken) => db.Set<ContentFieldValue>()
        .CountAsync(v => v.FieldKey == field.Key
            && (field.Kind == ContentKinds.Product
                ? db.Set<Models.Product>().Any(p => p.Id == v.ItemId)
                : db.Set<Models.ContentPage>().Any(p => p.Id == v.ItemId)), cancellationToken);

    /// <summary>
    /// The posted values of the kind's fields, checked and normalized (null clears a value); each problem is reported by
    /// the field's key. Values of fields that are not on the form (removed ones) are not touched.
    /// </summary>
    public async Task<Dictionary<string, string?>> ReadAsync(
        string kind, IReadOnlyDictionary<string, string?> posted, Action<string, string> report, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in await DefinitionsAsync(kind, cancellationToken))
        {
            if (await NormalizeAsync(field, posted.GetValueOrDefault(field.Key), report, cancellationToken) is { } ok)
            {
                values[field.Key] = ok.Value;
            }
        }

        return values;
    }

    /// <summary>The value to store, or null after reporting the problem; a media item must be in the public store.</summary>
    public async Task<(string? Value, bool Ok)?> NormalizeAsync(ContentField field, string? text, Action<string, string> report, CancellationToken cancellationToken)
    {
        if (!ContentFieldTypes.TryNormalize(field, text, out var value, out var problem))
        {
            report(field.Key, problem!);
            return null;
        }

        if (field.Type == ContentFieldTypes.Media && value is not null
            && !(BlobKey.TryCreate(value, out var key, out _) && await blobs.GetInfoAsync(BlobArea.Public, key, cancellationToken) is not null))
        {
            report(field.Key, $"{field.Label}: no media item was found at /media/{value}. Copy its address from the media library.");
            return null;
        }

        return (value, true);
    }

    /// <summary>Stores the values of an item just saved (the product editor saves the item on its own).</summary>
    public async Task SaveAsync(Guid itemId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        if (await StageAsync(itemId, values, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Stages the values in the unit of work and says whether any changed; the caller saves.</summary>
    public async Task<bool> StageAsync(Guid itemId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var stored = await db.Set<ContentFieldValue>().Where(v => v.ItemId == itemId).ToDictionaryAsync(v => v.FieldKey, cancellationToken);
        var changed = false;
        foreach (var (key, value) in values)
        {
            var existing = stored.GetValueOrDefault(key);
            if (value is null && existing is not null)
            {
                db.Remove(existing);
                changed = true;
            }
            else if (value is not null && existing is null)
            {
                db.Add(new ContentFieldValue { ItemId = itemId, FieldKey = key, Value = value });
                changed = true;
            }
            else if (value is not null && existing is not null && existing.Value != value)
            {
                existing.Value = value;
                changed = true;
            }
        }

        return changed;
    }
}
