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

/// <summary>One product to pay for, at the amount the shop asks: its list price, or a buyer's choice already validated.</summary>
public sealed record CheckoutLine(ProductSnapshot Product, long UnitAmountMinor);

/// <summary>
/// What to open a Checkout Session for. <paramref name="CancelQuery"/> tells the cancel page where the buyer came from;
/// <paramref name="Discount"/> is a code <see cref="PromotionCodeCheck"/> accepted for these lines (its Stripe id goes to
/// <c>discounts</c>); <paramref name="CustomerEmail"/> is the buyer's email when the shop asked for it (codes once per
/// customer), passed on as <c>customer_email</c> so Checkout cannot change it.
/// </summary>
public sealed record CheckoutRequest(IReadOnlyList<CheckoutLine> Lines, string CancelQuery, CodeVerdict? Discount = null, string? CustomerEmail = null);

/// <summary>
/// The outcome: Stripe's page to send the buyer to, or why not. <see cref="Refusal"/> is a message for the buyer about the
/// request itself (sold out, mixed currencies); a null <see cref="RedirectUrl"/> without one means Stripe could not be reached.
/// </summary>
public sealed record CheckoutStart(string? RedirectUrl, Order? Order, string? Refusal = null)
{
    /// <summary>The refusal is that a limited edition's last unit went to another buyer.</summary>
    public bool SoldOut { get; init; }
}

/// <summary>
/// Creates the pending order with a line per product, then the Checkout Session that names it (client_reference_id and
/// metadata) with one line item per order line, under an idempotency key derived from the order so a retried request
/// cannot open a second session. Prices come from our database (or a validated choice), never from the buyer's form.
/// </summary>
public sealed class CheckoutStarter(
    StorefrontDbContext db, OrderNumbers numbers, SessionService stripe, IOptions<SiteOptions> site, IOptionsMonitor<InvoiceOptions> invoices,
    IEnumerable<IProductStock> stocks, CheckoutTax tax, StripeProducts stripeProducts, TimeProvider clock, ILogger<CheckoutStarter> logger)
{
    private readonly IProductStock? stock = stocks.FirstOrDefault();

    /// <summary>One product at the given amount: the product page's Buy button.</summary>
    public static CheckoutRequest Single(ProductSnapshot product, long amountMinor, CodeVerdict? discount = null, string? email = null) =>
        new([new CheckoutLine(product, amountMinor)], "product=" + Uri.EscapeDataString(product.Slug), discount, email);

    public async Task<CheckoutStart> StartAsync(CheckoutRequest request, string requestOrigin, CancellationToken cancellationToken)
    {
        if (request.Lines.Count == 0)
        {
            return new CheckoutStart(null, null, "There is nothing to pay for.");
        }

        if (request.Lines.FirstOrDefault(l => l.Product.ExternalUrl is not null) is { } external)
        {
            return new CheckoutStart(null, null, $"“{external.Product.Title}” is sold on another shop: use the “Buy on …” link on its page.");
        }

        if (request.Lines.Select(l => l.Product.Currency).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
        {
            return new CheckoutStart(null, null,
                "These products are priced in different currencies, and one payment takes one currency. Please buy them separately.");
        }

        var discount = request.Discount is { Applies: true } applied ? applied : null;
        var order = NewOrder(request.Lines, discount?.Code);
        // Units are held before the order takes a number or Stripe hears of it: a buyer who finds an edition sold out leaves no
        // order behind, and no buyer reaches a payment page for a unit that is gone.
        if (await ReserveAsync(order, request.Lines, cancellationToken) is { } soldOut)
        {
            await ReleaseAsync(order);
            return new CheckoutStart(null, null, $"Sorry, “{soldOut.Title}” just sold out. Nothing was charged.") { SoldOut = true };
        }

        try
        {
            await SaveAsync(order, request.Lines, cancellationToken);
        }
        catch
        {
            await ReleaseAsync(order);
            throw;
        }

        var origin = site.Value.ConfiguredOrigin ?? requestOrigin;
        var collect = invoices.CurrentValue;
        var metadata = new Dictionary<string, string>
        {
            ["order_id"] = order.Id.ToString(),
            ["order_number"] = order.Number.ToString(CultureInfo.InvariantCulture),
            // Stripe caps a metadata value at 500 characters; the order id is what matters, the slugs help a person reading the dashboard.
            ["product"] = Cap(string.Join(',', request.Lines.Select(l => l.Product.Slug)), 500),
        };
        try
        {
            var lineItems = new List<SessionLineItemOptions>();
            foreach (var line in request.Lines)
            {
                // A coupon limited to products matches lines by Stripe Product, so with a code every line names ours.
                lineItems.Add(LineItem(line, discount is null ? null : await stripeProducts.EnsureAsync(line.Product, cancellationToken)));
            }

            var options = new SessionCreateOptions
            {
                Mode = "payment",
                SuccessUrl = origin + "/checkout/success?session_id={CHECKOUT_SESSION_ID}",
                // The order lets the cancel page expire the session at once, so units it held go back on sale now.
                CancelUrl = origin + "/checkout/cancel?" + request.CancelQuery + "&order=" + order.Id,
                LineItems = lineItems,
                ClientReferenceId = order.Id.ToString(),
                // What the invoice prints about the buyer: Checkout collects it, we read it back from customer_details.
                BillingAddressCollection = collect.BillingAddress,
                TaxIdCollection = collect.CollectTaxIds ? new SessionTaxIdCollectionOptions { Enabled = true } : null,
                Metadata = metadata,
                // Copied onto the payment intent, so refunds and disputes (which name only the payment intent) carry it too.
                PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
                CustomerEmail = request.CustomerEmail,
                Discounts = discount is null ? null : [new SessionDiscountOptions { PromotionCode = discount.StripePromotionCodeId }],
            };
            tax.Apply(options);
            var session = await stripe.CreateAsync(options, new RequestOptions { IdempotencyKey = "checkout-" + order.Id }, cancellationToken);

            order.CheckoutSessionId = session.Id;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Order {OrderNumber}: checkout session {SessionId} created for {Lines} line(s)", order.Number, session.Id,
                request.Lines.Count);
            return new CheckoutStart(session.Url, order);
        }
        catch (StripeException ex) when (ex.StripeError is { Code: "resource_missing", Param: { } param } && param.Contains("promotion_code", StringComparison.Ordinal))
        {
            // Stripe no longer knows the code this shop created there (the account's key changed): the buyer can go on without it.
            logger.LogWarning("Order {OrderNumber}: Stripe does not know promotion code {Code} ({Error}); the seller should create it again",
                order.Number, order.PromotionCode, ex.Message);
            await CloseAsync(order);
            return new CheckoutStart(null, order, "This promotion code cannot be used at the moment. Remove it to buy without it; nothing was charged.");
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Order {OrderNumber}: Stripe could not create a checkout session", order.Number);
            await CloseAsync(order);
            return new CheckoutStart(null, order);
        }
    }

    private Order NewOrder(IReadOnlyList<CheckoutLine> lines, string? promotionCode) => new()
    {
        ProductId = lines[0].Product.Id,
        ProductTitle = OrderTitles.Summary(lines.Select(l => l.Product.Title).ToList()),
        AmountMinor = lines.Sum(l => l.UnitAmountMinor),
        Currency = lines[0].Product.Currency,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
        PromotionCode = promotionCode,
        AutomaticTax = tax.Enabled,
    };

    private async Task SaveAsync(Order order, IReadOnlyList<CheckoutLine> lines, CancellationToken cancellationToken)
    {
        order.Number = await numbers.NextAsync(cancellationToken);
        db.Add(order);
        var orderLines = lines.Select((line, position) => new OrderLine
        {
            OrderId = order.Id,
            Position = position,
            ProductId = line.Product.Id,
            ProductTitle = line.Product.Title,
            UnitAmountMinor = line.UnitAmountMinor,
        }).ToList();
        db.AddRange(orderLines);
        // The version the price came from, read in the same snapshot as the price.
        db.AddRange(orderLines.Zip(lines, (o, l) => new OrderLineVersion { OrderLineId = o.Id, ProductVersion = l.Product.Version }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Holds a unit of every limited product for the order; the first one that has none left is returned.</summary>
    private async Task<ProductSnapshot?> ReserveAsync(Order order, IReadOnlyList<CheckoutLine> lines, CancellationToken cancellationToken)
    {
        if (stock is null)
        {
            return null;
        }

        foreach (var line in lines)
        {
            if (!await stock.ReserveAsync(line.Product.Id, order.Id, cancellationToken))
            {
                return line.Product;
            }
        }

        return null;
    }

    /// <summary>An order that never reached Stripe: closed, and whatever units it held are given back.</summary>
    private async Task CloseAsync(Order order)
    {
        order.Status = OrderStatus.Closed;
        order.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        await ReleaseAsync(order);
    }

    private async Task ReleaseAsync(Order order)
    {
        if (stock is not null)
        {
            await stock.ReleaseAsync(order.Id, CancellationToken.None);
        }
    }

    private static SessionLineItemOptions LineItem(CheckoutLine line, string? stripeProduct) => new()
    {
        PriceData = new SessionLineItemPriceDataOptions
        {
            Currency = line.Product.Currency,
            UnitAmount = line.UnitAmountMinor,
            Product = stripeProduct,
            ProductData = stripeProduct is null ? new SessionLineItemPriceDataProductDataOptions { Name = line.Product.Title } : null,
        },
        Quantity = 1,
    };

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..length];
}
