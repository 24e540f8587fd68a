using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Stripe.Checkout;
using RequestOptions = Stripe.RequestOptions;
using StripeException = Stripe.StripeException;

namespace Storefront.Payments.Checkout;

public sealed record CheckoutStart(string? RedirectUrl, Order Order)
{
    /// <summary>The last unit of a limited edition went to another buyer: no session was created.</summary>
    public bool SoldOut { get; init; }
}

/// <summary>
/// Creates the pending order, then the Checkout Session that names it (client_reference_id and
/// metadata), with an idempotency key derived from the order so a retried request cannot open a
/// second session. The price comes from our database, never from the buyer's form.
/// </summary>
public sealed class CheckoutStarter(
    StorefrontDbContext db, OrderNumbers numbers, SessionService stripe, IOptions<SiteOptions> site, IOptionsMonitor<InvoiceOptions> invoices,
    TimeProvider clock,
    ILogger<CheckoutStarter> logger,
    IProductStock stock)
{
    public Task<CheckoutStart> StartAsync(ProductSnapshot product, string requestOrigin, CancellationToken cancellationToken) =>
        StartAsync(product, product.PriceMinor, requestOrigin, cancellationToken);

    /// <summary>Starts a checkout at <paramref name="amountMinor"/>, which the caller validated (our price, or a buyer's chosen one).</summary>
    public async Task<CheckoutStart> StartAsync(ProductSnapshot product, long amountMinor, string requestOrigin, CancellationToken cancellationToken)
    {
        var order = new Order
        {
            ProductId = product.Id,
            ProductTitle = product.Title,
            AmountMinor = amountMinor,
            Currency = product.Currency,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The unit is held before the order takes a number or Stripe hears of it: a buyer who finds the edition sold out leaves
        // no order behind, and no buyer reaches a payment page for a unit that is gone.
        if (!await stock.ReserveAsync(product.Id, order.Id, cancellationToken))
        {
            return new CheckoutStart(null, order) { SoldOut = true };
        }

        try
        {
            order.Number = await numbers.NextAsync(cancellationToken);
            db.Add(order);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await stock.ReleaseAsync(order.Id, CancellationToken.None);
            throw;
        }

        var origin = site.Value.ConfiguredOrigin ?? requestOrigin;
        var collect = invoices.CurrentValue;
        var metadata = new Dictionary<string, string>
        {
            ["order_id"] = order.Id.ToString(),
            ["order_number"] = order.Number.ToString(CultureInfo.InvariantCulture),
            ["product"] = product.Slug,
        };
        try
        {
            var session = await stripe.CreateAsync(new SessionCreateOptions
            {
                Mode = "payment",
                SuccessUrl = origin + "/checkout/success?session_id={CHECKOUT_SESSION_ID}",
                CancelUrl = origin + "/checkout/cancel?product=" + Uri.EscapeDataString(product.Slug) + "&order=" + order.Id,
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        PriceData = new SessionLineItemPriceDataOptions
                        {
                            Currency = product.Currency,
                            UnitAmount = amountMinor,
                            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = product.Title },
                        },
                        Quantity = 1,
                    },
                ],
                ClientReferenceId = order.Id.ToString(),
                // What the invoice prints about the buyer: Checkout collects it, we read it back from customer_details.
                BillingAddressCollection = collect.BillingAddress,
                TaxIdCollection = collect.CollectTaxIds ? new SessionTaxIdCollectionOptions { Enabled = true } : null,
                Metadata = metadata,
                // Copied onto the payment intent, so refunds and disputes (which name only the payment intent) carry it too.
                PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            }, new RequestOptions { IdempotencyKey = "checkout-" + order.Id }, cancellationToken);

            order.CheckoutSessionId = session.Id;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Order {OrderNumber}: checkout session {SessionId} created", order.Number, session.Id);
            return new CheckoutStart(session.Url, order);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Order {OrderNumber}: Stripe could not create a checkout session", order.Number);
            await CloseAsync(order);
            await stock.ReleaseAsync(order.Id, CancellationToken.None);
            return new CheckoutStart(null, order);
        }
    }

    private async Task CloseAsync(Order order)
    {
        order.Status = OrderStatus.Closed;
        order.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
