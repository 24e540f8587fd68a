using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Admin;
using Storefront.Payments.Invoices;

namespace Storefront.Payments.CreditNotes;

/// <summary><c>GET /admin/orders/{number}/credit-notes/{note}</c>: a refund's credit note PDF, for whoever may see the invoice.</summary>
public static class CreditNoteEndpoint
{
    public static IEndpointRouteBuilder MapCreditNoteDownload(this IEndpointRouteBuilder endpoints)
    {
        // Like the invoice link: a stranger is sent to sign in rather than answered with a bare 401.
        endpoints.MapGet("/admin/orders/{number}/credit-notes/{note}", DownloadAsync).RequireAuthorization(PaymentsPermissions.Names.ViewOrders)
            .AllowCookieRedirect();
        return endpoints;
    }

    private static Task<Results<FileContentHttpResult, NotFound<string>, ContentHttpResult>> DownloadAsync(
        string number, string note, CreditNoteDocuments creditNotes, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        InvoiceEndpoint.ServeAsync(async () => InvoiceEndpoint.Number(number) is { } orderNumber && InvoiceEndpoint.Number(note) is { } noteNumber
                && await creditNotes.GetAsync(orderNumber, noteNumber, cancellationToken) is { } file ? (file.Number, file.Pdf) : null,
            "credit-note", "This order has no such credit note.", loggers.CreateLogger(typeof(CreditNoteEndpoint)));
}
