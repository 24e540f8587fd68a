using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Settings;
using Storefront.Downloads.Gate;

namespace Storefront.Downloads.Pages.Download;

/// <summary>
/// <c>GET /download/{token}</c>: the gate. A use is reserved before any byte is sent and spent only once the
/// whole copy arrived; the buyer gets a stamped copy, or a page saying why not, what is left and where to get help.
/// <c>HEAD</c> answers the copy's headers and consumes nothing.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(DownloadGate gate, SiteSettingsStore settings) : PageModel
{
    // Long enough for a typical copy to finish; the buyer's browser may retry by itself after it.
    private const int RetryAfterSeconds = 30;

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? SupportEmail { get; private set; }

    public string? LicenseCode { get; private set; }

    public RemainingUses? Remaining { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var decision = await gate.OpenAsync(token, HttpContext, cancellationToken);
        if (decision.Denial is not { } denial)
        {
            return new EmptyResult();
        }

        (Heading, Explanation) = DenialText.For(denial);
        LicenseCode = decision.LicenseCode;
        Remaining = decision.Remaining;
        SupportEmail = (await settings.GetAsync(cancellationToken)).SupportEmail;
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (denial == Denial.Busy)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new PageResult
        {
            StatusCode = denial switch
            {
                Denial.Unavailable => StatusCodes.Status503ServiceUnavailable,
                Denial.Busy => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status403Forbidden,
            },
        };
    }
}
