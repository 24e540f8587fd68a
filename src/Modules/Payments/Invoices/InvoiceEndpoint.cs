using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Admin;

namespace Storefront.Payments.Invoices;

/// <summary><c>GET /admin/orders/{number}/invoice</c>: the order's invoice PDF, for whoever may see orders.</summary>
public static class InvoiceEndpoint
{
    public static IEndpointRouteBuilder MapInvoiceDownload(this IEndpointRouteBuilder endpoints)
    {
        // A link an administrator clicks in the browser: a stranger is sent to sign in, as on every admin page,
        // not answered with the bare 401 .NET 10 gives endpoints it takes for APIs.
        endpoints.MapGet("/admin/orders/{number}/invoice", DownloadAsync).RequireAuthorization(PaymentsPermissions.Names.ViewOrders)
            .AllowCookieRedirect();
        return endpoints;
    }

    /// <summary>
    /// A billing document as a download: 404 with <paramref name="notFound"/> when <paramref name="find"/> has none, and a
    /// 503 naming what to install when it cannot be drawn for want of fonts — the server's set-up is at fault, not the
    /// order, and the document is drawn (and kept) on the first download after that.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, NotFound<string>, ContentHttpResult>> ServeAsync(
        Func<Task<(long Number, byte[] Pdf)?>> find, string fileStem, string notFound, ILogger logger)
    {
        try
        {
            return await find() is { } file
                ? TypedResults.File(file.Pdf, "application/pdf", $"{fileStem}-{file.Number}.pdf")
                : TypedResults.NotFound(notFound);
        }
        catch (InvoiceFontsMissingException ex)
        {
            logger.LogWarning("A {Document} was not drawn: {Reason}", fileStem, ex.Message);
            return TypedResults.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>An order number as typed in the address: taken as text so a malformed one is a plain 404 after authorization.</summary>
    internal static long? Number(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static Task<Results<FileContentHttpResult, NotFound<string>, ContentHttpResult>> DownloadAsync(
        string number, InvoiceDocuments invoices, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ServeAsync(async () => Number(number) is { } orderNumber && await invoices.GetAsync(orderNumber, cancellationToken) is { } invoice
                ? (invoice.Number, invoice.Pdf) : null,
            "invoice", "This order has no invoice: it is unknown, unpaid, or was paid before invoices were issued.",
            loggers.CreateLogger(typeof(InvoiceEndpoint)));
}
