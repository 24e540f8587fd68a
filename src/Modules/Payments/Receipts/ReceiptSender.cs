using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Email.Receipts;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Receipts;

/// <summary>
/// Builds and sends an order's receipt: product, amount, order number, download links with their
/// limits, support address. The Message-ID is the order's, so a retried send is recognisably the same mail.
/// </summary>
public sealed class ReceiptSender(
    StorefrontDbContext db, IDownloadAccess downloads, SiteSettingsStore settings, IEmailSender email,
    IOptionsMonitor<EmailOptions> emailOptions, InvoiceDocuments invoices, IOptionsMonitor<InvoiceOptions> invoiceOptions,
    IEnumerable<IBuyerLibrary> library, IEnumerable<ILicenseKeys> licenses, ILogger<ReceiptSender> logger)
{
    public async Task SendAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
        if (order.BuyerEmail is null)
        {
            throw new InvalidOperationException($"Order {order.Number} has no buyer email to send the receipt to.");
        }

        var site = await settings.GetAsync(cancellationToken);
        var lines = (await downloads.ForOrderAsync(order.Id, cancellationToken))
            .Select(g => new ReceiptLine(g.ProductTitle, downloads.LinkFor(g), g.UsesAllowed, g.UsesLeft, new DateTimeOffset(g.ExpiresAt, TimeSpan.Zero)))
            .ToList();
        var statement = await OrderStatement.LoadAsync(db, order, cancellationToken);
        // Without a support address the sending address stands in: a receipt must name someone to write to.
        var receipt = new Receipt(site.SiteName, site.SupportEmail ?? emailOptions.CurrentValue.From, order.BuyerEmail, order.BuyerName,
            order.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), statement.Format(statement.Total), lines,
            Seller(site), LibraryUrl(lines), Items(statement), Totals(statement),
            await LicenseKeysAsync(order.Id, cancellationToken));
        var message = ReceiptEmail.Create(receipt);
        if (invoiceOptions.CurrentValue.AttachInvoice && await InvoiceAsync(order, cancellationToken) is { } invoice)
        {
            message = message with { Attachments = [invoice] };
        }

        await email.SendAsync(message, cancellationToken);
        logger.LogInformation("Receipt for order {OrderNumber} sent", order.Number);
    }

    /// <summary>Every line with its own discount and tax, so a receipt of several products adds up line by line.</summary>
    private static List<ReceiptItem> Items(OrderStatement statement) =>
    [
        .. statement.Lines.Select(l => new ReceiptItem(l.Title, statement.Format(l.Asked), statement.Notes(l))),
    ];

    private static List<ReceiptTotal> Totals(OrderStatement statement) =>
    [
        .. statement.HasAdjustments ? [new ReceiptTotal("Subtotal", statement.Format(statement.Subtotal))] : Array.Empty<ReceiptTotal>(),
        .. statement.Discount != 0 ? [new ReceiptTotal("Discount", "−" + statement.Format(statement.Discount))] : Array.Empty<ReceiptTotal>(),
        .. statement.Tax != 0 ? [new ReceiptTotal("Tax", statement.Format(statement.Tax))] : Array.Empty<ReceiptTotal>(),
        new ReceiptTotal("Total", statement.Format(statement.Total)),
    ];

    /// <summary>The order's licence keys that work; none without the Licensing module.</summary>
    private async Task<IReadOnlyList<ReceiptLicenseKey>> LicenseKeysAsync(Guid orderId, CancellationToken cancellationToken) =>
        licenses.FirstOrDefault() is { } keys
            ? [.. (await keys.ForOrderAsync(orderId, cancellationToken)).Where(k => k.State == LicenseKeyState.Active).Select(k => new ReceiptLicenseKey(k.ProductTitle, k.Key))]
            : [];

    /// <summary>The library on the same origin as the links, when the shop has one.</summary>
    private Uri? LibraryUrl(List<ReceiptLine> lines) =>
        library.FirstOrDefault() is { } shelf && lines.Count > 0 ? new Uri(lines[0].DownloadUrl, shelf.Path) : null;

    /// <summary>
    /// The order's invoice, issued with the fulfilment that queued this receipt, so it exists; drawn now if no one has
    /// downloaded it yet, and the same bytes from then on. Without fonts the receipt still goes, without it: the
    /// buyer's download links matter more than the attachment, and a retry would not install the fonts.
    /// </summary>
    private async Task<EmailAttachment?> InvoiceAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            return await invoices.GetAsync(order.Id, cancellationToken) is { } file
                ? new EmailAttachment($"invoice-{file.Number}.pdf", "application/pdf", file.Pdf)
                : null;
        }
        catch (InvoiceFontsMissingException ex)
        {
            logger.LogWarning("Receipt for order {OrderNumber} goes without its invoice: {Reason}", order.Number, ex.Message);
            return null;
        }
    }

    /// <summary>The seller named in the admin's settings; receipts and refund emails leave the block out until a name is set.</summary>
    public static SellerDetails? Seller(SiteSettings site) =>
        site.SellerName is { } name ? new SellerDetails(name, InvoiceParty.LinesOf(site.SellerAddress)) : null;
}
