using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Payments.Orders;

namespace Storefront.Payments.CreditNotes;

/// <summary>
/// Issues a refund's credit note number inside the transaction that records the refund: the counter row's lock is held
/// until commit, so concurrent refunds take turns, and a rolled-back recording takes its number back — no gaps.
/// </summary>
public sealed class CreditNoteNumbers(StorefrontDbContext db, SiteSettingsStore settings)
{
    public async Task<long> IssueAsync(string refundId, Guid orderId, DateTime issuedAt, CancellationToken cancellationToken)
    {
        var site = await settings.GetAsync(cancellationToken);
        var number = await Counters.NextAsync(db, "credit-note-number", cancellationToken);
        db.Set<CreditNote>().Add(new CreditNote
        {
            RefundId = refundId, OrderId = orderId, Number = number, IssuedAt = issuedAt,
            SellerName = site.SellerName ?? site.SiteName, SellerAddress = site.SellerAddress, SellerVatId = site.SellerVatId,
        });
        return number;
    }
}
