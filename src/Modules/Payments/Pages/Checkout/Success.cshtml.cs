using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Payments.Checkout;

namespace Storefront.Payments.Pages.Checkout;

/// <summary>
/// <c>GET /checkout/success?session_id=…</c>: links only once the payment is confirmed server-side. Once paid, a POST
/// asks the library for the "download links ready" email to the order's address; the form's nonce makes a double
/// submit one email.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SuccessModel(
    CheckoutStatus status, IEnumerable<IBuyerLibrary> libraries, IEnumerable<ILicenseKeys> licenses, IOptions<SiteOptions> site) : PageModel
{
    public CheckoutView View { get; private set; } = new(CheckoutState.Unknown, null, []);

    public IBuyerLibrary? Library { get; } = libraries.FirstOrDefault();

    /// <summary>The order's licence keys, once paid (none without the Licensing module).</summary>
    public IReadOnlyList<IssuedLicenseKey> LicenseKeys { get; private set; } = [];

    /// <summary>A fresh key per rendering of the form: one form, one email, however often it is submitted.</summary>
    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    [TempData]
    public string? LinksNotice { get; set; }

    public string Heading => View.State switch
    {
        CheckoutState.Paid => "Your download is ready",
        CheckoutState.Processing => "Payment processing",
        CheckoutState.Closed => "Checkout not completed",
        _ => "Payment not found",
    };

    public async Task OnGetAsync([FromQuery(Name = "session_id")] string? sessionId, CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (sessionId is { Length: > 0 and <= 255 })
        {
            View = await status.GetAsync(sessionId, Origin, cancellationToken);
        }

        if (View is { State: CheckoutState.Paid, Order: { } order } && licenses.FirstOrDefault() is { } keys)
        {
            LicenseKeys = await keys.ForOrderAsync(order.Id, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostEmailLinksAsync(
        [FromQuery(Name = "session_id")] string? sessionId, [FromForm] string? nonce, CancellationToken cancellationToken)
    {
        await OnGetAsync(sessionId, cancellationToken);
        if (Library is null || View is not { State: CheckoutState.Paid, Order.BuyerEmail: { } email } || nonce is not { Length: > 0 and <= 64 })
        {
            LinksNotice = "There is nothing to send for this page. Reload it and try again.";
        }
        else
        {
            var result = await Library.RequestLinksAsync(email, [View.Order.Id], nonce, site.Value.OriginFor(Request), ClientAddress.Of(HttpContext),
                cancellationToken);
            LinksNotice = result.Outcome == LinksRequestOutcome.TooMany
                ? $"Links were emailed several times already. Please wait {Math.Max(1, result.RetryAfterSeconds / 60)} minutes and try again."
                : $"Your download links are on their way to {email}.";
        }

        return RedirectToPage(new { session_id = sessionId });
    }

    private string Origin => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
