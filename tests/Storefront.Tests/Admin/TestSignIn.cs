using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// Signs requests in as a named user with a role through a request header, with the admin's policies as the
/// Users module defines them (Administrators hold every permission; editors content and media). It stands in
/// for the Users module's sign-in, so these tests exercise the admin screens' own authorization.
/// </summary>
public static class TestSignIn
{
    public const string Header = "X-Test-User";
    private const string Scheme = "TestSignIn";

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, HeaderHandler>(Scheme, null);
        services.AddAuthorization(options =>
        {
            options.AddPolicy(AdminPermissions.AdminArea, p => p.RequireRole(AdminRoles.All));
            foreach (var permission in AdminPermissions.All)
            {
                var editors = permission == AdminPermissions.ManageContent || permission == AdminPermissions.ManageMedia;
                options.AddPolicy(permission.Name, p => p.RequireRole(editors ? [AdminRoles.Administrator, AdminRoles.Editor] : [AdminRoles.Administrator]));
            }
        });
    }

    /// <summary>The header value for a user: "Ada Admin|Administrator".</summary>
    public static string As(string name, string role) => $"{name}|{role}";

    public static HttpClient Client(StorefrontApp app, string name, string role)
    {
        var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Add(Header, As(name, role));
        return client;
    }

    private sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].FirstOrDefault()?.Split('|') is not [var name, var role])
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "user-" + name), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
