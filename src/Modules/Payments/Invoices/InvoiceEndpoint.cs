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

    // The segment is taken as text so a malformed number is a plain 404 after authorization, as on the order page.
    private static async Task<Results<FileContentHttpResult, NotFound<string>, ContentHttpResult>> DownloadAsync(
        string number, InvoiceDocuments invoices, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderNumber)
                || await invoices.GetAsync(orderNumber, cancellationToken) is not { } invoice)
            {
                return TypedResults.NotFound("This order has no invoice: it is unknown, unpaid, or was paid before invoices were issued.");
            }

            return TypedResults.File(invoice.Pdf, "application/pdf", $"invoice-{invoice.Number}.pdf");
        }
        catch (InvoiceFontsMissingException ex)
        {
            // The server's set-up, not the order, is at fault: the administrator is told what to install, and the invoice
            // is drawn (and kept) on the first download after that.
            loggers.CreateLogger(typeof(InvoiceEndpoint)).LogWarning("Invoice for order {OrderNumber} not drawn: {Reason}", number, ex.Message);
            return TypedResults.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
