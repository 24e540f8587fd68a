using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Storefront.Host.Hosting;

/// <summary>
/// A form posted to a page without naming one of its actions (no <c>?handler=</c> on a page that has only named
/// ones) is a bad request. Razor Pages would otherwise render the page with nothing loaded, as no handler ran, and
/// the page would fail on its first use of what its GET loads.
/// </summary>
internal sealed class UnnamedPostFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new BadRequestResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
