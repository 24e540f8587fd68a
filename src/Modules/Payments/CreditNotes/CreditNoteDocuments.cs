using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;

namespace Storefront.Payments.CreditNotes;

/// <summary>An issued credit note as a file.</summary>
public sealed record CreditNoteFile(long Number, byte[] Pdf);

/// <summary>
/// Renders a credit note on its first download and keeps those bytes, as invoices are kept: every later download gets the
/// same document, and a seller detail changed afterwards never rewrites one already issued.
/// </summary>
public sealed class CreditNoteDocuments(StorefrontDbContext db, IOptionsMonitor<InvoiceOptions> options)
{
    /// <summary>
    /// Null unless the credit note exists and belongs to that order. Throws <see cref="InvoiceFontsMissingException"/> when
    /// a note not yet drawn cannot be, for want of its fonts.
    /// </summary>
    public async Task<CreditNoteFile?> GetAsync(long orderNumber, long number, CancellationToken cancellationToken)
    {
        var found = await (from order in db.Set<Order>().AsNoTracking()
                           join note in db.Set<CreditNote>().AsNoTracking() on order.Id equals note.OrderId
                           join refund in db.Set<OrderRefund>().AsNoTracking() on note.RefundId equals refund.Id
                           where order.Number == orderNumber && note.Number == number
                           select new { order, note, refund }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.note.Pdf is { } stored)
        {
            return new CreditNoteFile(number, stored);
        }

        var invoice = await db.Set<Invoice>().AsNoTracking().Where(i => i.OrderId == found.order.Id).Select(i => (long?)i.Number)
            .SingleOrDefaultAsync(cancellationToken);
        var (buyer, issued, refundId) = (found.order, found.note, found.note.RefundId);
        var seller = InvoiceParty.SellerOf(issued.SellerName, issued.SellerAddress, issued.SellerVatId);
        var pdf = CreditNotePdf.Render(new CreditNoteContent(issued.Number, invoice, issued.IssuedAt, seller, InvoiceParty.BuyerOf(buyer),
            buyer.BuyerEmail, buyer.Number, buyer.ProductTitle, found.refund.AmountMinor, found.refund.Currency),
            InvoiceFonts.Find(options.CurrentValue.FontFolder));
        // Two first downloads may race: only one write lands, and both answer with what was stored.
        await db.Set<CreditNote>().Where(c => c.RefundId == refundId && c.Pdf == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Pdf, pdf), cancellationToken);
        var kept = await db.Set<CreditNote>().AsNoTracking().Where(c => c.RefundId == refundId).Select(c => c.Pdf).SingleAsync(cancellationToken);
        return new CreditNoteFile(number, kept!);
    }

    public async Task<IReadOnlyDictionary<string, long>> NumbersForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<CreditNote>().AsNoTracking().Where(c => c.OrderId == orderId).ToDictionaryAsync(c => c.RefundId, c => c.Number, cancellationToken);
}
