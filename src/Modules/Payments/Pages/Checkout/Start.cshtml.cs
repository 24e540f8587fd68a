using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Payments.Checkout;

namespace Storefront.Payments.Pages.Checkout;

/// <summary>
/// <c>POST /checkout/{slug}</c> (antiforgery-checked): a pending order and a Stripe Checkout Session
/// at our price, then 303 to Stripe. When that cannot happen the buyer gets a plain explanation.
/// </summary>
public sealed class StartModel(ICatalogProducts catalog, CheckoutStarter starter) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string? ProductUrl { get; private set; }

    public IActionResult OnGet(string slug) => Slugs.IsValid(slug) ? Redirect($"/products/{slug}") : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, [FromForm] string? amount, CancellationToken cancellationToken)
    {
        var product = Slugs.IsValid(slug) ? await catalog.FindPublishedAsync(slug, cancellationToken) : null;
        if (product is null)
        {
            (Heading, Message) = ("This product is not for sale", "It may have been withdrawn. Nothing was charged.");
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }

        ProductUrl = $"/products/{product.Slug}";
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

        var started = await starter.StartAsync(product, amountMinor, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        if (started.SoldOut)
        {
            return SoldOut();
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
