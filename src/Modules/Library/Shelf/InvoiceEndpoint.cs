using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Storefront.Core.Content;
using Storefront.Library.SignIn;

namespace Storefront.Library.Shelf;

/// <summary>
/// <c>GET /library/orders/{number}/invoice</c>: the signed-in buyer's own invoice. Another buyer's order, an unknown
/// one and one without an invoice all answer the same 404, so numbers cannot be probed for other buyers' orders.
/// </summary>
public static class InvoiceEndpoint
{
    public static IEndpointRouteBuilder MapLibraryInvoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/library/orders/{number}/invoice", DownloadAsync);
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound<string>, ContentHttpResult>> DownloadAsync(
        string number, HttpContext context, IBuyerOrders orders, CancellationToken cancellationToken)
    {
        if (await context.BuyerEmailAsync() is not { } email)
        {
            return TypedResults.Redirect("/library");
        }

        context.Response.Headers.CacheControl = "private, no-store";
        if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderNumber)
            || await orders.InvoiceAsync(email, orderNumber, cancellationToken) is not { } invoice)
        {
            return TypedResults.NotFound("There is no invoice for this order in your library.");
        }

        return invoice.Pdf is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"invoice-{invoice.Number}.pdf")
            : TypedResults.Text("Your invoice cannot be produced just now. Please try again later, or write to the seller.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
