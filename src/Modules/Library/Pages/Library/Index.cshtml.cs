using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Mail;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Library.Links;
using Storefront.Library.Shelf;
using Storefront.Library.SignIn;

namespace Storefront.Library.Pages.Library;

/// <summary>
/// <c>GET /library</c>: signed out, a form that emails a one-time sign-in link; signed in, every order of the email with
/// fresh links or the reason there are none. The form's answer is the same whether or not the email bought anything.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    SignInLinks signIn, LibraryShelf shelf, LinksReadyRequests linksEmail, IEnumerable<ILicenseKeys> licenses, IOptions<SiteOptions> site) : PageModel
{
    [BindProperty]
    [Display(Name = "Your email")]
    public string? Email { get; set; }

    public string? BuyerEmail { get; private set; }

    public IReadOnlyList<ShelfOrder> Orders { get; private set; } = [];

    /// <summary>Each order's licence keys (none without the Licensing module).</summary>
    public Dictionary<Guid, IReadOnlyList<IssuedLicenseKey>> LicenseKeys { get; } = [];

    /// <summary>The address a link was sent to, once the form was sent.</summary>
    public string? SentTo { get; private set; }

    public string? Refusal { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string Nonce { get; } = Guid.NewGuid().ToString("N");

    public string SupportEmail { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        SupportEmail = (await shelf.ShopAsync(cancellationToken)).SupportEmail;
        BuyerEmail = await HttpContext.BuyerEmailAsync();
        if (BuyerEmail is not null)
        {
            Orders = await shelf.ForAsync(BuyerEmail, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", null, cancellationToken);
            foreach (var order in licenses.Any() ? Orders : [])
            {
                LicenseKeys[order.Order.Id] = await licenses.First().ForOrderAsync(order.Order.Id, cancellationToken);
            }
        }
    }

    public async Task<IActionResult> OnPostSendLinkAsync(CancellationToken cancellationToken)
    {
        SupportEmail = (await shelf.ShopAsync(cancellationToken)).SupportEmail;
        if (!EmailAddressSyntax.TryParse(Email, out var mailbox))
        {
            ModelState.AddModelError(nameof(Email), "Enter the email address you used at checkout, such as name@example.com.");
            return Page();
        }

        var wait = await signIn.RequestAsync(mailbox.Address, site.Value.OriginFor(Request), ClientAddress.Of(HttpContext), cancellationToken);
        if (wait > 0)
        {
            return Refuse(wait, "Too many sign-in links were asked for lately");
        }

        SentTo = mailbox.Address;
        return Page();
    }

    public async Task<IActionResult> OnPostEmailLinksAsync(string? nonce, CancellationToken cancellationToken)
    {
        if (await HttpContext.BuyerEmailAsync() is not { } email)
        {
            return RedirectToPage();
        }

        if (nonce is not { Length: > 0 and <= 64 })
        {
            Notice = "The form was incomplete. Please try again.";
            return RedirectToPage();
        }

        var result = await linksEmail.RequestLinksAsync(email, [], nonce, site.Value.OriginFor(Request), ClientAddress.Of(HttpContext), cancellationToken);
        if (result.Outcome == LinksRequestOutcome.TooMany)
        {
            await OnGetAsync(cancellationToken);
            return Refuse(result.RetryAfterSeconds, "Links were emailed several times lately");
        }

        Notice = $"Your download links are on their way to {email}.";
        return RedirectToPage();
    }

    private PageResult Refuse(int seconds, string what)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Refusal = $"{what}. Please wait {Math.Max(1, (seconds + 59) / 60)} minutes and try again.";
        return Page();
    }
}
