using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Storefront.Catalog.Services;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media;

namespace Storefront.Catalog.Endpoints;

/// <summary>
/// The product editor's two script endpoints: the streaming master upload and the Markdown preview. Both check
/// the antiforgery token themselves (sent in a header by the admin's script) and their permission.
/// </summary>
public static class CatalogAdminEndpoints
{
    public static IEndpointRouteBuilder MapCatalogAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/products/master", UploadMasterAsync)
            .RequireAuthorization(MediaPermissions.ManageMedia.Name)
            .DisableAntiforgery();
        endpoints.MapPost("/admin/markdown/preview", PreviewAsync)
            .RequireAuthorization(CatalogPermissions.ManageContent.Name)
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Ok<MasterUpload>, BadRequest<MasterUpload>>> UploadMasterAsync(
        HttpContext context, IAntiforgery antiforgery, MasterUploads uploads, AuditLog audit, StorefrontDbContext db, string? name,
        CancellationToken cancellationToken)
    {
        // A master may be far larger than Kestrel's 30 MB default; the body goes straight to a temp file.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest(new MasterUpload(null, name, 0, "The form has expired: reload the page and try again.", []));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return TypedResults.BadRequest(new MasterUpload(null, null, 0, "The upload names no file.", []));
        }

        var result = await uploads.ReceiveAsync(context.Request.Body, name, cancellationToken);
        audit.Record(result.Problem is null ? "master.uploaded" : "master.refused", "master " + result.FileName,
            result.Problem ?? $"{result.Key}, {result.Length} bytes");
        await db.SaveChangesAsync(cancellationToken);
        return result.Problem is null ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }

    private static async Task<Results<ContentHttpResult, BadRequest<string>>> PreviewAsync(
        HttpContext context, IAntiforgery antiforgery, MarkdownRenderer markdown)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest("The form has expired: reload the page and try again.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return TypedResults.Content(markdown.ToHtml(form["markdown"]), "text/html; charset=utf-8");
    }
}
