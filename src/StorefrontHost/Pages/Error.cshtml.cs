using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Host.Pages;

/// <summary>
/// The themed page behind every error status (re-executed by the status-code and exception
/// middleware). Clients that ask for JSON get RFC 9457 problem details instead; any other type gets the page. Never a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public Task<IActionResult> OnGetAsync() => RespondAsync();

    public Task<IActionResult> OnPostAsync() => RespondAsync();

    private async Task<IActionResult> RespondAsync()
    {
        // Read from the route, never model-bound: a re-executed POST still carries the failed form, whose own "code"
        // field (a promotion or two-factor code) would pass for the status, and a form that cannot be read at all (a
        // NUL in a field) would leave binding with no status.
        int? code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var routed) ? routed : null;
        var reexecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = reexecuted && code is >= 400 and <= 599 ? code.Value : 404;
        (Heading, Message) = Code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the product is no longer for sale."),
            403 => ("Not allowed", "You do not have access to this page."),
            400 => ("Bad request", "The request could not be understood. Please go back and try again."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            >= 500 => ("Something went wrong", "An error on our side stopped this page. It has been logged; please try again in a moment."),
            _ => ("Request failed", "This request could not be completed."),
        };
        Response.StatusCode = Code;
        Response.Headers.CacheControl = "no-store";
        // A client that takes neither HTML nor JSON (text/plain, application/xml) still gets the page: no problem
        // details writer speaks its type, and an error page must never fail itself.
        if (!WantsHtml() && await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = HttpContext,
            ProblemDetails = { Status = Code, Title = Heading, Detail = Message },
        }))
        {
            return new EmptyResult();
        }

        return Page();
    }

    private bool WantsHtml()
    {
        var accept = Request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);
    }
}
