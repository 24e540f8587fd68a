using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Payments.Promotions;
using Storefront.Payments.Tax;
using Stripe.Checkout;
using RequestOptions = Stripe.RequestOptions;
using StripeException = Stripe.StripeException;

namespace Storefront.Payments.Checkout;

public sealed record CheckoutStart(string? RedirectUrl, Order Order);

/// <summary>
/// Creates the pending order, then the Checkout Session that names it (client_reference_id and
/// metadata), with an idempotency key derived from the order so a retried request cannot open a
/// second session. The price comes from our database, never from the buyer's form.
/// </summary>
public sealed class CheckoutStarter(
    StorefrontDbContext db, OrderNumbers numbers, SessionService stripe, IOptions<SiteOptions> site, IOptionsMonitor<InvoiceOptions> invoices,
    TimeProvider clock, CheckoutTax tax, StripeProducts stripeProducts,
    ILogger<CheckoutStarter> logger)
{
    /// <param name="discount">A code <see cref="PromotionCodeCheck"/> accepted for this product; its Stripe id goes to <c>discounts</c>.</param>
    /// <param name="email">The buyer's email when the shop asked for it (codes once per customer), passed on as <c>customer_email</c>.</param>
    public async Task<CheckoutStart> StartAsync(ProductSnapshot product, string requestOrigin, CancellationToken cancellationToken,
        CodeVerdict? discount = null, string? email = null)
    {
        var order = new Order
        {
            Number = await numbers.NextAsync(cancellationToken),
            ProductId = product.Id,
            ProductTitle = product.Title,
            AmountMinor = product.PriceMinor,
            Currency = product.Currency,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            PromotionCode = discount is { Applies: true } ? discount.Code : null,
        };
        db.Add(order);
        await db.SaveChangesAsync(cancellationToken);

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
            // A coupon limited to products matches lines by Stripe Product, so a discounted line names ours.
            var stripeProduct = discount is { Applies: true } ? await stripeProducts.EnsureAsync(product, cancellationToken) : null;
            var options = new SessionCreateOptions
            {
                Mode = "payment",
                SuccessUrl = origin + "/checkout/success?session_id={CHECKOUT_SESSION_ID}",
                CancelUrl = origin + "/checkout/cancel?product=" + Uri.EscapeDataString(product.Slug),
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        PriceData = new SessionLineItemPriceDataOptions
                        {
                            Currency = product.Currency,
                            UnitAmount = product.PriceMinor,
                            Product = stripeProduct,
                            ProductData = stripeProduct is null ? new SessionLineItemPriceDataProductDataOptions { Name = product.Title } : null,
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
                CustomerEmail = email,
                Discounts = discount is { Applies: true } ? [new SessionDiscountOptions { PromotionCode = discount.StripePromotionCodeId }] : null,
            };
            tax.Apply(options);
            var session = await stripe.CreateAsync(options, new RequestOptions { IdempotencyKey = "checkout-" + order.Id }, cancellationToken);

            order.CheckoutSessionId = session.Id;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Order {OrderNumber}: checkout session {SessionId} created", order.Number, session.Id);
            return new CheckoutStart(session.Url, order);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Order {OrderNumber}: Stripe could not create a checkout session", order.Number);
            order.Status = OrderStatus.Closed;
            order.ClosedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
            return new CheckoutStart(null, order);
        }
    }
}
