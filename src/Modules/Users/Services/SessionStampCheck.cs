using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

/// <summary>
/// Holds every request's admin cookie against the user's security stamp in the database. Sign-out, a new
/// password, a two-factor change, a new role and removal all change or delete the stamp, so every copy of
/// an older cookie stops working on the next request, on every instance, with no grace period.
/// Identity's own validator, run on every request, would also rebuild the principal from roles and claims
/// and reissue the cookie each time; comparing the stamp is a single lookup by key, and the request's
/// later <c>GetUserAsync</c> reuses the user it loaded.
/// </summary>
internal static class SessionStampCheck
{
    // Once per request: a refresh of the cookie after a deliberate stamp change (two-factor turned on) authenticates
    // again within the same request, and must be judged as the session the request began with, not by the new stamp.
    private static readonly object Verdict = new();

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var items = context.HttpContext.Items;
        if (items.TryGetValue(Verdict, out var earlier))
        {
            if (earlier is false)
            {
                context.RejectPrincipal();
            }

            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StorefrontUser>>();
        var valid = await signIn.ValidateSecurityStampAsync(context.Principal) is not null;
        items[Verdict] = valid;
        if (!valid)
        {
            context.RejectPrincipal();
            await signIn.SignOutAsync();
        }
    }
}
