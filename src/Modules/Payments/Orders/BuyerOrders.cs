using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Invoices;

namespace Storefront.Payments.Orders;

/// <summary>
/// A buyer's paid orders by email. The comparison lower-cases both sides in the database (ASCII letters on SQLite, all
/// letters on PostgreSQL), which covers the case differences buyers actually type.
/// </summary>
internal sealed class BuyerOrders(StorefrontDbContext db, InvoiceDocuments invoices, ILogger<BuyerOrders> logger) : IBuyerOrders
{
    public async Task<IReadOnlyList<BuyerOrder>> ForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var found = await (from order in Paid(email)
                           select new
                           {
                               order,
                               HasInvoice = db.Set<Invoice>().Any(i => i.OrderId == order.Id),
                           }).ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(f => f.order.FulfilledAt).Select(f => new BuyerOrder(f.order.Id, f.order.Number, f.order.FulfilledAt!.Value,
            f.order.ProductTitle, Money.Format(f.order.AmountTotal ?? f.order.AmountMinor, f.order.Currency), f.order.Status.ToString(), f.HasInvoice))];
    }

    public Task<bool> AnyForEmailAsync(string email, CancellationToken cancellationToken) => Paid(email).AnyAsync(cancellationToken);

    public async Task<BuyerInvoice?> InvoiceAsync(string email, long orderNumber, CancellationToken cancellationToken)
    {
        if (!await Paid(email).AnyAsync(o => o.Number == orderNumber, cancellationToken))
        {
            return null;
        }

        try
        {
            return await invoices.GetAsync(orderNumber, cancellationToken) is { } invoice ? new BuyerInvoice(invoice.Number, invoice.Pdf) : null;
        }
        catch (InvoiceFontsMissingException ex)
        {
            // The server's set-up is at fault; the buyer is told to come back, the operator reads what to install.
            logger.LogWarning("Invoice for order {OrderNumber} not drawn for its buyer: {Reason}", orderNumber, ex.Message);
            return new BuyerInvoice(0, null);
        }
    }

    private IQueryable<Order> Paid(string email)
    {
        var normalized = email.Trim().ToLowerInvariant();
        return db.Set<Order>().AsNoTracking().Where(o => o.FulfilledAt != null && o.BuyerEmail != null && o.BuyerEmail.Trim().ToLower() == normalized);
    }
}
