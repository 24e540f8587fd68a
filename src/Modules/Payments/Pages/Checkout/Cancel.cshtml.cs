using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Payments.Orders;
using Stripe.Checkout;
using StripeException = Stripe.StripeException;

namespace Storefront.Payments.Pages.Checkout;

/// <summary>
/// <c>GET /checkout/cancel</c>: the buyer came back from Stripe without paying. The session is expired at Stripe at once,
/// so a limited edition's unit goes back on sale now rather than when Stripe would expire it a day later.
/// </summary>
public sealed class CancelModel(StorefrontDbContext db, SessionService stripe, Fulfilment fulfilment, ILogger<CancelModel> logger) : PageModel
{
    public string BackUrl { get; private set; } = "/";

    public string BackLabel { get; private set; } = "Back to the shop";

    public async Task OnGetAsync(string? product, string? order, string? cart, CancellationToken cancellationToken)
    {
        (BackUrl, BackLabel) = cart == "1" ? ("/cart", "Back to your cart")
            : Slugs.IsValid(product) ? ($"/products/{product}", "Back to the product") : ("/", "Back to the shop");
        if (!Guid.TryParse(order, out var orderId))
        {
            return;
        }

        var sessionId = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId && o.Status == OrderStatus.Pending && o.CheckoutSessionId != null)
            .Select(o => o.CheckoutSessionId).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null)
        {
            return;
        }

        try
        {
            await stripe.ExpireAsync(sessionId, cancellationToken: cancellationToken);
            // Stripe's checkout.session.expired event will say the same; closing here is idempotent with it.
            await fulfilment.CloseAsync(sessionId, cancellationToken);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            // Paid meanwhile, or Stripe unreachable: the session's own expiry or completion event settles the order.
            logger.LogInformation("Order {OrderId}: checkout session was not expired on cancel: {Reason}", orderId, ex.Message);
        }
    }
}
