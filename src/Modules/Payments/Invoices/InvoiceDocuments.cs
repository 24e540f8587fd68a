using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Invoices;

/// <summary>An issued invoice as a file.</summary>
public sealed record InvoiceFile(long Number, byte[] Pdf);

/// <summary>
/// Renders an invoice on its first download and keeps those bytes: every later download, on any instance, gets the same
/// document, and a seller detail changed afterwards never rewrites an invoice already issued.
/// </summary>
public sealed class InvoiceDocuments(StorefrontDbContext db, IOptionsMonitor<InvoiceOptions> options, IEnumerable<ILicenseKeys> licenses)
{
    /// <summary>
    /// Null when the order has no invoice: it is unknown or was never paid. Throws <see cref="InvoiceFontsMissingException"/>
    /// when an invoice not yet drawn cannot be, for want of its fonts.
    /// </summary>
    public Task<InvoiceFile?> GetAsync(long orderNumber, CancellationToken cancellationToken) =>
        GetAsync(o => o.Number == orderNumber, cancellationToken);

    public Task<InvoiceFile?> GetAsync(Guid orderId, CancellationToken cancellationToken) =>
        GetAsync(o => o.Id == orderId, cancellationToken);

    private async Task<InvoiceFile?> GetAsync(Expression<Func<Order, bool>> which, CancellationToken cancellationToken)
    {
        var found = await (from order in db.Set<Order>().AsNoTracking().Where(which)
                           join invoice in db.Set<Invoice>().AsNoTracking() on order.Id equals invoice.OrderId
                           select new { order, invoice }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.invoice.Pdf is { } stored)
        {
            return new InvoiceFile(found.invoice.Number, stored);
        }

        var statement = await OrderStatement.LoadAsync(db, found.order, cancellationToken);
        // Keys are issued with the payment, so they exist when the invoice is first drawn, and stay printed as issued.
        var keys = licenses.FirstOrDefault() is { } issued ? await issued.ForOrderAsync(found.order.Id, cancellationToken) : [];
        var content = InvoiceContent.Of(found.order, statement, found.invoice) with { LicenseKeys = [.. keys.Select(k => $"{k.ProductTitle}: {k.Key}")] };
        var pdf = InvoicePdf.Render(content, InvoiceFonts.Find(options.CurrentValue.FontFolder));
        // Two first downloads may race: only one write lands, and both answer with what was stored.
        await db.Set<Invoice>().Where(i => i.OrderId == found.invoice.OrderId && i.Pdf == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Pdf, pdf), cancellationToken);
        var kept = await db.Set<Invoice>().AsNoTracking().Where(i => i.OrderId == found.invoice.OrderId).Select(i => i.Pdf).SingleAsync(cancellationToken);
        return new InvoiceFile(found.invoice.Number, kept!);
    }
}
