using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Services;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Email.Disputes;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Disputes;

/// <summary>
/// Builds a dispute's email from the order and the dispute as recorded, and sends it. The Message-ID is the dispute's
/// and the notice's, so a retried send is recognisably the same mail.
/// </summary>
public sealed class DisputeEmailSender(
    StorefrontDbContext db, SiteSettingsStore settings, IEmailSender email, IOptionsMonitor<EmailOptions> emailOptions, IOptions<SiteOptions> site,
    IServer server, ILogger<DisputeEmailSender> logger)
{
    public async Task SendAsync(DisputeEmailMessage message, CancellationToken cancellationToken)
    {
        var dispute = await db.Set<OrderDispute>().AsNoTracking().SingleAsync(d => d.Id == message.DisputeId, cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == dispute.OrderId, cancellationToken);
        var shop = await settings.GetAsync(cancellationToken);
        var number = order.Number.ToString(CultureInfo.InvariantCulture);
        var amount = Money.Format(dispute.AmountMinor, dispute.Currency);
        if (message.Notice is DisputeNotices.SupportOpened or DisputeNotices.SupportClosed)
        {
            if (shop.SupportEmail is not { } support)
            {
                logger.LogInformation("No support address is set, so nobody was told of dispute {DisputeId} on order {OrderNumber}", dispute.Id, order.Number);
                return;
            }

            var notice = new SupportDisputeNotice(shop.SiteName, support, number, amount, dispute.Reason, dispute.EvidenceDueBy,
                new Uri($"{Origin()}/admin/orders/{number}"), dispute.Id, message.Notice == DisputeNotices.SupportClosed ? dispute.Outcome : null);
            await email.SendAsync(notice.ToMessage(), cancellationToken);
            logger.LogInformation("Support told of dispute {DisputeId} on order {OrderNumber}", dispute.Id, order.Number);
            return;
        }

        if (order.BuyerEmail is null)
        {
            logger.LogInformation("Order {OrderNumber} has no buyer email to tell of dispute {DisputeId}", order.Number, dispute.Id);
            return;
        }

        var change = message.Notice switch
        {
            DisputeNotices.BuyerSuspended => DisputeAccessChange.Suspended,
            DisputeNotices.BuyerReinstated => DisputeAccessChange.Reinstated,
            DisputeNotices.BuyerEnded => DisputeAccessChange.Ended,
            _ => throw new InvalidOperationException($"Unknown dispute notice '{message.Notice}'."),
        };
        // Without a support address the sending address stands in: the buyer must have someone to write to.
        var buyerNotice = new BuyerDisputeNotice(shop.SiteName, shop.SupportEmail ?? emailOptions.CurrentValue.From, order.BuyerEmail, order.BuyerName,
            number, order.ProductTitle, amount, dispute.Id, change);
        await email.SendAsync(buyerNotice.ToMessage(), cancellationToken);
        logger.LogInformation("Buyer of order {OrderNumber} told of dispute {DisputeId}: {Notice}", order.Number, dispute.Id, message.Notice);
    }

    /// <summary><c>Site__BaseUrl</c>, or where this instance listens when none is set (a local demo).</summary>
    private string Origin() => site.Value.ConfiguredOrigin
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
