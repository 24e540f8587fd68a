using Storefront.Core.Content;

namespace Storefront.Media.Library;

/// <summary>Asks every module that shows library images where an image is used, and points them at a replaced one.</summary>
public sealed class MediaUsage(IEnumerable<IMediaUsageProvider> providers)
{
    public async Task<List<string>> UsesOfAsync(string key, CancellationToken cancellationToken)
    {
        var uses = new List<string>();
        foreach (var provider in providers)
        {
            uses.AddRange(await provider.UsesOfAsync(key, cancellationToken));
        }

        return uses;
    }

    public async Task RepointAsync(string oldKey, string newKey, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            await provider.RepointAsync(oldKey, newKey, cancellationToken);
        }
    }
}
