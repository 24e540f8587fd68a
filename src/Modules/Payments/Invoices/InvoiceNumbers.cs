using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Invoices;

/// <summary>
/// Issues an order's invoice number inside the fulfilment transaction: the counter row's UPDATE holds its lock until
/// commit, so concurrent fulfilments take turns, and a rolled-back fulfilment takes its number back with it — no gaps.
/// </summary>
public sealed class InvoiceNumbers(StorefrontDbContext db, SiteSettingsStore settings)
{
    public async Task<long> IssueAsync(Guid orderId, DateTime issuedAt, CancellationToken cancellationToken)
    {
        // Read before taking the counter's lock, which is held until the fulfilment commits.
        var site = await settings.GetAsync(cancellationToken);
        var number = await Counters.NextAsync(db, "invoice-number", cancellationToken);
        db.Set<Invoice>().Add(new Invoice
        {
            OrderId = orderId, Number = number, IssuedAt = issuedAt, SellerName = site.SellerName ?? site.SiteName, SellerAddress = site.SellerAddress,
            SellerVatId = site.SellerVatId,
        });
        return number;
    }
}
