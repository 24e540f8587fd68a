using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Storefront.Payments.Admin;

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

    // Segments are taken as text so malformed numbers are a plain 404 after authorization, as on the order page.
    private static async Task<Results<FileContentHttpResult, NotFound<string>>> DownloadAsync(
        string number, string note, CreditNoteDocuments creditNotes, CancellationToken cancellationToken)
    {
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var orderNumber)
            || !long.TryParse(note, NumberStyles.None, CultureInfo.InvariantCulture, out var noteNumber)
            || await creditNotes.GetAsync(orderNumber, noteNumber, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound("This order has no such credit note.");
        }

        return TypedResults.File(file.Pdf, "application/pdf", $"credit-note-{file.Number}.pdf");
    }
}
