using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Security;
using Storefront.Payments.Checkout;
using Storefront.Payments.Promotions;

namespace Storefront.Payments.Pages.Checkout;

/// <summary>
/// <c>POST /checkout/{slug}</c>: a pending order and a Stripe Checkout Session at our price, then 303 to Stripe. When that
/// cannot happen the buyer gets a plain explanation. Posted from cached product pages, so checked by origin, not token.
/// </summary>
[IgnoreAntiforgeryToken]
[SameOriginForm]
public sealed class StartModel(ICatalogProducts catalog, CheckoutStarter starter, PromotionCodeCheck codes) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string? ProductUrl { get; private set; }

    public IActionResult OnGet(string slug) => Slugs.IsValid(slug) ? Redirect($"/products/{slug}") : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, [FromForm] string? amount, [FromForm] string? code, [FromForm] string? email,
        CancellationToken cancellationToken)
    {
        var product = Slugs.IsValid(slug) ? await catalog.FindPublishedAsync(slug, cancellationToken) : null;
        if (product is null)
        {
            (Heading, Message) = ("This product is not for sale", "It may have been withdrawn. Nothing was charged.");
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }

        ProductUrl = $"/products/{product.Slug}";
        if (product.ExternalUrl is not null)
        {
            (Heading, Message) = ("This product is sold on another shop", "Use the “Buy on …” link on its page. Nothing was charged.");
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }

        if (!CheckoutEmail.TryRead(email, out email))
        {
            (Heading, Message) = ("Check your email address", "Enter an email address such as jenny@example.com. Nothing was charged.");
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        CodeVerdict? discount = null;
        if (!string.IsNullOrWhiteSpace(code))
        {
            discount = await codes.CheckAsync(code, [product.Id], product.Currency, email, cancellationToken);
            if (discount.Problem is { } problem)
            {
                ProductUrl += "?code=" + Uri.EscapeDataString(discount.Code);
                (Heading, Message) = ("This code cannot be used", problem + " Nothing was charged.");
                return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            }
        }

        var chosen = ChosenPrice.Validate(product, amount);
        if (chosen.Minor is not { } amountMinor)
        {
            (Heading, Message) = ("Check the amount", chosen.Problem + " Nothing was charged.");
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        if (product.IsSoldOut)
        {
            return SoldOut();
        }

        var started = await starter.StartAsync(CheckoutStarter.Single(product, amountMinor, discount, email),
            $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        if (started.SoldOut)
        {
            return SoldOut();
        }

        if (started.Refusal is { } refusal)
        {
            (Heading, Message) = ("This product cannot be bought right now", refusal);
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }

        if (started.RedirectUrl is null)
        {
            (Heading, Message) = ("Payment is unavailable right now",
                "We could not reach our payment provider. Nothing was charged; please try again in a few minutes.");
            return new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }

        // 303 See Other: the browser follows with a GET to Stripe's page, as Stripe's docs ask.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Location = started.RedirectUrl;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private PageResult SoldOut()
    {
        (Heading, Message) = ("Sold out", "The last copy of this limited edition has just been taken. Nothing was charged.");
        return new PageResult { StatusCode = StatusCodes.Status409Conflict };
    }
}
