using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Library.SignIn;

namespace Storefront.Library.Pages.Library;

/// <summary>
/// <c>/library/sign-in?token=…</c>. The GET only shows a button: mail scanners open links to check them, and a GET that
/// used the token would sign them in and leave the buyer with a spent link. The POST uses it.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInModel(SignInLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkCheck Check { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The token is in the address: it must not leave in a Referer header.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Check = await links.CheckAsync(Token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var (check, email) = await links.RedeemAsync(Token, cancellationToken);
        if (email is null)
        {
            Check = check;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInBuyerAsync(email);
        return Redirect("/library");
    }

    public string Problem => Check switch
    {
        LinkCheck.Used => "This sign-in link was already used. Each link works once.",
        LinkCheck.Expired => "This sign-in link has expired. Links work for 15 minutes.",
        _ => "This sign-in link is not valid. It may be incomplete: copy the whole link from the email.",
    };
}
