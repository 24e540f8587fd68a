using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Services;
using Storefront.Payments.Cart;
using Storefront.Payments.Checkout;
using Storefront.Payments.Promotions;

namespace Storefront.Payments.Pages.Checkout;

/// <summary>
/// <c>POST /checkout</c>: one Checkout Session for every line of the cart, built from current catalogue data. A product
/// that left the shop is taken out and a changed price is shown, both before anything is charged: the buyer goes back to
/// the cart to see it and pays again from there.
/// </summary>
public sealed class CartModel(CartStore carts, CheckoutStarter starter, PromotionCodeCheck codes) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public IActionResult OnGet() => Redirect("/cart");

    public async Task<IActionResult> OnPostAsync([FromForm] string? code, [FromForm] string? email, CancellationToken cancellationToken)
    {
        var cart = await carts.ViewAsync(HttpContext, cancellationToken);
        if (cart.CartId is not { } cartId || cart.Lines.Count == 0)
        {
            Notice = "Your cart is empty, so there is nothing to pay for.";
            return Redirect("/cart");
        }

        if (cart.Lines.Any(l => !l.OnSale))
        {
            await carts.RemoveUnavailableAsync(cart, cancellationToken);
            var gone = string.Join(", ", cart.Lines.Where(l => !l.OnSale).Select(l => $"“{l.Product?.Title ?? "a removed product"}”"));
            Notice = $"{gone} is no longer for sale and was taken out of your cart. Nothing was charged; please check the total and pay again.";
            return Redirect("/cart");
        }

        if (cart.Lines.Where(l => l.PriceChanged).ToList() is { Count: > 0 } changed)
        {
            await carts.AcknowledgePricesAsync(cart, cancellationToken);
            Notice = "Prices changed since you added: " + string.Join(", ", changed.Select(l =>
                $"“{l.Product!.Title}” is now {Money.Format(l.Product.PriceMinor, l.Product.Currency)}")) + ". Nothing was charged; please check the total and pay again.";
            return Redirect("/cart");
        }

        var lines = new List<CheckoutLine>();
        foreach (var line in cart.Lines)
        {
            // A chosen amount was valid when added; the product's minimum may have moved since.
            var (amount, error) = CheckoutPrice.Recheck(line.Product!, line.ChosenAmountMinor);
            if (error is not null)
            {
                Notice = error + " Nothing was charged.";
                return Redirect("/cart");
            }

            lines.Add(new CheckoutLine(line.Product!, amount!.Value));
        }

        await carts.RememberCodeAsync(HttpContext, code, cancellationToken);
        if (!CheckoutEmail.TryRead(email, out email))
        {
            Notice = "Enter an email address such as jenny@example.com, or leave it empty. Nothing was charged.";
            return Redirect("/cart");
        }

        CodeVerdict? discount = null;
        if (!string.IsNullOrWhiteSpace(code))
        {
            discount = await codes.CheckAsync(code, [.. lines.Select(l => l.Product.Id)], lines[0].Product.Currency, email, cancellationToken);
            if (discount.Problem is { } problem)
            {
                Notice = problem + " Nothing was charged.";
                return Redirect("/cart");
            }
        }

        var started = await starter.StartAsync(new CheckoutRequest(lines, "cart=1", discount, email),
            $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        if (started.Refusal is { } refusal)
        {
            Notice = refusal;
            return Redirect("/cart");
        }

        if (started.RedirectUrl is null)
        {
            (Heading, Message) = ("Payment is unavailable right now",
                "We could not reach our payment provider. Nothing was charged; your cart is kept, please try again in a few minutes.");
            return new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }

        await carts.AttachOrderAsync(cartId, started.Order!.Id, cancellationToken);
        // 303 See Other: the browser follows with a GET to Stripe's page, as Stripe's docs ask.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Location = started.RedirectUrl;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
