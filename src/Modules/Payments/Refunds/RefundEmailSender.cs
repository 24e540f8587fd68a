using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Email.Refunds;
using Storefront.Payments.Orders;
using Storefront.Payments.Receipts;

namespace Storefront.Payments.Refunds;

/// <summary>
/// Builds and sends a refund's email: the amount, the order's total, and what each download allows now. Access is read
/// when the email goes out, after the transaction that recorded the refund (and withdrew access, if it did) committed.
/// </summary>
public sealed class RefundEmailSender(
    StorefrontDbContext db, IDownloadAccess downloads, SiteSettingsStore settings, IEmailSender email,
    IOptionsMonitor<EmailOptions> emailOptions, ILogger<RefundEmailSender> logger)
{
    public async Task SendAsync(string refundId, CancellationToken cancellationToken)
    {
        var refund = await db.Set<OrderRefund>().AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == refund.OrderId, cancellationToken);
        if (order.BuyerEmail is null)
        {
            throw new InvalidOperationException($"Order {order.Number} has no buyer email to send the refund to.");
        }

        var site = await settings.GetAsync(cancellationToken);
        var access = (await downloads.ForOrderAsync(order.Id, cancellationToken)).Select(g => new RefundAccess(g.ProductTitle, Remaining(g))).ToList();
        var notice = new RefundNotice(site.SiteName, site.SupportEmail ?? emailOptions.CurrentValue.From, order.BuyerEmail, order.BuyerName,
            order.Number.ToString(CultureInfo.InvariantCulture), refund.Id, Money.Format(refund.AmountMinor, refund.Currency),
            Money.Format(order.AmountMinor, order.Currency), order.Status == OrderStatus.Refunded, access, ReceiptSender.Seller(site));
        await email.SendAsync(RefundEmail.Create(notice), cancellationToken);
        logger.LogInformation("Refund email for order {OrderNumber} ({RefundId}) sent", order.Number, refund.Id);
    }

    private static string Remaining(DownloadGrant grant) => grant.Status switch
    {
        DownloadGrant.Active => string.Create(CultureInfo.InvariantCulture,
            $"still yours to download, {grant.UsesLeft} download{(grant.UsesLeft == 1 ? "" : "s")} left until {grant.ExpiresAt:d MMM yyyy HH:mm} UTC."),
        DownloadGrant.Revoked => "no longer available to download.",
        DownloadGrant.Suspended => "paused while the payment is under review.",
        _ => "no downloads left.",
    };
}
