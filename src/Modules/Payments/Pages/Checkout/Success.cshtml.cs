using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Payments.Checkout;

namespace Storefront.Payments.Pages.Checkout;

/// <summary><c>GET /checkout/success?session_id=…</c>: links only once the payment is confirmed server-side.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SuccessModel(CheckoutStatus status) : PageModel
{
    public CheckoutView View { get; private set; } = new(CheckoutState.Unknown, null, []);

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
            View = await status.GetAsync(sessionId, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        }
    }
}
