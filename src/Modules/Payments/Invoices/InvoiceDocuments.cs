using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Invoices;

/// <summary>An issued invoice as a file.</summary>
public sealed record InvoiceFile(long Number, byte[] Pdf);

/// <summary>
/// Renders an invoice on its first download and keeps those bytes: every later download, on any instance, gets the same
/// document, and a seller detail changed afterwards never rewrites an invoice already issued.
/// </summary>
public sealed class InvoiceDocuments(StorefrontDbContext db)
{
    /// <summary>Null when the order has no invoice: it is unknown or was never paid.</summary>
    public async Task<InvoiceFile?> GetAsync(long orderNumber, CancellationToken cancellationToken)
    {
        var found = await (from order in db.Set<Order>().AsNoTracking()
                           join invoice in db.Set<Invoice>().AsNoTracking() on order.Id equals invoice.OrderId
                           where order.Number == orderNumber
                           select new { order, invoice }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.invoice.Pdf is { } stored)
        {
            return new InvoiceFile(found.invoice.Number, stored);
        }

        var pdf = InvoicePdf.Render(Content(found.order, found.invoice));
        // Two first downloads may race: only one write lands, and both answer with what was stored.
        await db.Set<Invoice>().Where(i => i.OrderId == found.invoice.OrderId && i.Pdf == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Pdf, pdf), cancellationToken);
        var kept = await db.Set<Invoice>().AsNoTracking().Where(i => i.OrderId == found.invoice.OrderId).Select(i => i.Pdf).SingleAsync(cancellationToken);
        return new InvoiceFile(found.invoice.Number, kept!);
    }

    private static InvoiceContent Content(Order order, Invoice invoice) =>
        new(invoice.Number, order.FulfilledAt ?? invoice.IssuedAt, invoice.SellerName, BillingPdf.AddressLines(invoice.SellerAddress),
            order.BuyerName, order.BuyerEmail, order.Number, order.ProductTitle, order.AmountMinor, order.Currency);
}
