using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Settings;
using Storefront.Downloads.Gate;

namespace Storefront.Downloads.Pages.Download;

/// <summary>
/// <c>GET /download/{token}</c>: the gate. A use is consumed atomically before any byte is sent;
/// the buyer gets a stamped copy, or a 403 page saying why not and where to get help.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(DownloadGate gate, SiteSettingsStore settings) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? SupportEmail { get; private set; }

    public string? LicenseCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var decision = await gate.OpenAsync(token, HttpContext, cancellationToken);
        if (decision.File is not null)
        {
            return decision.File;
        }

        (Heading, Explanation) = DenialText.For(decision.Denial!.Value);
        LicenseCode = decision.LicenseCode;
        SupportEmail = (await settings.GetAsync(cancellationToken)).SupportEmail;
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return new PageResult { StatusCode = decision.Denial == Denial.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden };
    }
}
