using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Caching;

/// <summary>
/// Antiforgery for forms on cached pages. A token belongs to one visitor's antiforgery cookie, so a page shared by every
/// visitor cannot carry one: the page holds a placeholder, and this middleware, outside the output cache, puts a fresh
/// token for this visitor in its place (issuing the cookie when the visitor has none) on every response, hit or miss.
/// The forms keep the framework's ordinary check, and only pages that use a placeholder pay for it.
/// </summary>
public sealed class AntiforgeryFill(RequestDelegate next, IAntiforgery antiforgery)
{
    private const string Placeholder = "__storefront_antiforgery_token__";

    private static readonly byte[] PlaceholderBytes = Encoding.UTF8.GetBytes(Placeholder);

    /// <summary>The hidden field a cacheable page's form carries; elsewhere, the ordinary token.</summary>
    public static IHtmlContent Field(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var fieldName = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        var value = IsPublicPage(context) ? Placeholder : antiforgery.GetAndStoreTokens(context).RequestToken ?? "";
        var html = new HtmlContentBuilder();
        html.AppendHtml("<input name=\"").Append(fieldName).AppendHtml("\" type=\"hidden\" value=\"").Append(value).AppendHtml("\" />");
        return html;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !IsPublicPage(context))
        {
            await next(context);
            return;
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer, original);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            await buffered.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var at = body.Span.IndexOf(PlaceholderBytes);
        if (at < 0)
        {
            if (body.Length > 0)
            {
                context.Response.ContentLength = body.Length;
                await original.Writer.WriteAsync(body, context.RequestAborted);
            }

            return;
        }

        // One token per response: every form on the page checks against the same cookie.
        var token = Encoding.UTF8.GetBytes(antiforgery.GetAndStoreTokens(context).RequestToken!);
        var filled = new ArrayBufferWriter<byte>(body.Length + 256);
        var rest = body;
        while ((at = rest.Span.IndexOf(PlaceholderBytes)) >= 0)
        {
            filled.Write(rest.Span[..at]);
            filled.Write(token);
            rest = rest[(at + PlaceholderBytes.Length)..];
        }

        filled.Write(rest.Span);
        context.Response.ContentLength = filled.WrittenCount;
        await original.Writer.WriteAsync(filled.WrittenMemory, context.RequestAborted);
    }

    private static bool IsPublicPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PageCache.PolicyName;
}
