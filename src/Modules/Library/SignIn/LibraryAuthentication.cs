using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Modules;

namespace Storefront.Library.SignIn;

/// <summary>
/// The library's own cookie scheme, apart from the admin's: its cookie is sent only to <c>/library</c>, and the library
/// reads only this scheme, so neither sign-in opens the other's pages.
/// </summary>
public static class LibraryAuthentication
{
    public const string Scheme = "Library";

    public const string CookieName = "storefront.library";

    public static IServiceCollection AddLibraryCookie(this IServiceCollection services, ModuleContext context)
    {
        // An https base URL means buyers only ever reach the shop over TLS (at the proxy): the cookie never travels
        // in the clear. Without one (Development, a local demo on http) it follows the request, as antiforgery does.
        var https = Uri.TryCreate(context.Configuration["Site:BaseUrl"], UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps;
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/library";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/library";
            cookie.SlidingExpiration = false;
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<LibraryOptions>>(
            (cookie, library) => cookie.ExpireTimeSpan = TimeSpan.FromHours(library.Value.SessionHours));
        return services;
    }

    /// <summary>The signed-in buyer's email, or null when this request carries no valid library cookie.</summary>
    public static async Task<string?> BuyerEmailAsync(this HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal.FindFirstValue(ClaimTypes.Email) : null;
    }

    public static Task SignInBuyerAsync(this HttpContext context, string email) => context.SignInAsync(Scheme,
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, email)], Scheme)));

    public static Task SignOutBuyerAsync(this HttpContext context) => context.SignOutAsync(Scheme);
}
