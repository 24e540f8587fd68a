using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Library.Emails;

namespace Storefront.Library.Shelf;

/// <summary>One purchased product: its right, a fresh link while it still gives copies, or why it does not.</summary>
public sealed record ShelfItem(DownloadGrant Grant, Uri? Link, BlockedReason? Blocked);

public sealed record ShelfOrder(BuyerOrder Order, IReadOnlyList<ShelfItem> Items);

/// <summary>
/// Everything an email bought, from Payments (orders) and Downloads (rights) through their contracts. A fresh link is a
/// new token for the same right: the uses and the expiry are the right's, so asking again never adds either.
/// </summary>
public sealed class LibraryShelf(IBuyerOrders orders, IDownloadAccess downloads, SiteSettingsStore settings, IOptionsMonitor<EmailOptions> email,
    TimeProvider time)
{
    /// <summary>The orders of <paramref name="buyerEmail"/>, newest first; only those in <paramref name="only"/> when given.</summary>
    public async Task<IReadOnlyList<ShelfOrder>> ForAsync(string buyerEmail, string? origin, IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var support = (await ShopAsync(cancellationToken)).SupportEmail;
        var now = time.GetUtcNow().UtcDateTime;
        var shelf = new List<ShelfOrder>();
        foreach (var order in await orders.ForEmailAsync(buyerEmail, cancellationToken))
        {
            if (only is { Count: > 0 } && !only.Contains(order.Id))
            {
                continue;
            }

            var items = (await downloads.ForOrderAsync(order.Id, cancellationToken))
                .Select(grant => BlockedReason.For(grant, now, support) is { } blocked
                    ? new ShelfItem(grant, null, blocked)
                    : new ShelfItem(grant, downloads.LinkFor(grant, origin), null))
                .ToList();
            shelf.Add(new ShelfOrder(order, items));
        }

        return shelf;
    }

    /// <summary>Without a support address the sending address stands in: every "write to" must name someone.</summary>
    public async Task<ShopSender> ShopAsync(CancellationToken cancellationToken)
    {
        var site = await settings.GetAsync(cancellationToken);
        return new ShopSender(site.SiteName, site.SupportEmail ?? email.CurrentValue.From);
    }
}
