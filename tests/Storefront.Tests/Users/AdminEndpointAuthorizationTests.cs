using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Core.Security;
using Storefront.Media;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

/// <summary>
/// Walks every endpoint under <c>/admin</c> that the running app has (Razor pages of every module and
/// mapped endpoints), so a new admin route cannot ship without its sign-in and permission check.
/// </summary>
public sealed class AdminEndpointAuthorizationTests
{
    /// <summary>The only admin routes a stranger may open. Adding one here is a security decision: say why in review.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "/admin/account/sign-in", "/admin/account/sign-in/code", "/admin/account/forgot-password", "/admin/account/reset-password",
        "/admin/account/denied", "/admin/setup", "/admin/theme/{file}",
    ];

    private static readonly HashSet<string> EditorPolicies = [AdminPermissions.AdminArea, CatalogPermissions.ManageContent.Name, MediaPermissions.ManageMedia.Name];

    [Fact]
    public async Task EveryAdminEndpointNeedsSignInExceptTheKnownPublicOnes()
    {
        await using var app = await StorefrontApp.StartAsync();
        var endpoints = await AdminEndpointsAsync(app);
        Assert.Contains(endpoints, e => e.Route == "/admin");
        Assert.Contains(endpoints, e => e.Route == "/admin/products/clicks");

        Assert.Equal(PublicRoutes.Order(), endpoints.Where(e => e.Anonymous).Select(e => e.Route).Distinct().Order());
        using var anonymous = app.CreateHttpClient();
        foreach (var endpoint in endpoints.Where(e => !e.Anonymous))
        {
            Assert.True(endpoint.Policies.Count > 0, $"{endpoint.Route} has no authorization metadata.");
            foreach (var method in endpoint.Methods)
            {
                using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), endpoint.SampleUrl));
                var toSignIn = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location!.PathAndQuery().StartsWith("/admin/account/sign-in?", StringComparison.Ordinal);
                Assert.True(toSignIn || (method != "GET" && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"Anonymous {method} {endpoint.SampleUrl} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EditorsAreRefusedWhereTheirRoleLacksThePermissionAndAdmittedElsewhere()
    {
        await using var app = await StorefrontApp.StartAsync();
        var endpoints = await AdminEndpointsAsync(app);
        using var editor = await AdminSession.SignInAsync(app, AdminRoles.Editor);
        using var administrator = await AdminSession.SignInAsync(app, AdminRoles.Administrator);
        Assert.Contains(endpoints, e => !e.Anonymous && !e.Policies.IsSubsetOf(EditorPolicies));

        foreach (var endpoint in endpoints.Where(e => !e.Anonymous && e.Methods.Contains("GET")))
        {
            var allowed = endpoint.Policies.IsSubsetOf(EditorPolicies);
            using var response = await editor.GetAsync(endpoint.SampleUrl);
            var denied = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/admin/account/denied", StringComparison.Ordinal));
            Assert.True(allowed != denied, $"Editor GET {endpoint.SampleUrl} (policies {string.Join(", ", endpoint.Policies)}) answered {(int)response.StatusCode} {response.Headers.Location}");
            Assert.False(IsSignInRedirect(response), $"Editor GET {endpoint.SampleUrl} was sent to sign in again.");

            using var asAdministrator = await administrator.GetAsync(endpoint.SampleUrl);
            Assert.False(IsSignInRedirect(asAdministrator) || asAdministrator.StatusCode == HttpStatusCode.Forbidden
                || asAdministrator.Headers.Location?.OriginalString.Contains("/denied", StringComparison.Ordinal) == true,
                $"Administrator GET {endpoint.SampleUrl} answered {(int)asAdministrator.StatusCode}");
        }

        var deniedPage = await editor.GetAsync("/admin/account/denied");
        Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
        app.Logs.AssertNoErrors();
    }

    private static bool IsSignInRedirect(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.PathAndQuery().StartsWith("/admin/account/sign-in", StringComparison.Ordinal);

    private sealed record AdminEndpoint(string Route, string SampleUrl, IReadOnlyList<string> Methods, bool Anonymous, HashSet<string> Policies);

    /// <summary>
    /// Every route endpoint under /admin with its effective metadata. Razor pages are loaded first:
    /// attributes on a page model only appear on the endpoint the page loader builds.
    /// </summary>
    private static async Task<List<AdminEndpoint>> AdminEndpointsAsync(StorefrontApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var result = new List<AdminEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!route.Equals("/admin", StringComparison.OrdinalIgnoreCase) && !route.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                metadata = compiled.Endpoint?.Metadata ?? new EndpointMetadataCollection(endpoint.Metadata.Concat(compiled.EndpointMetadata));
            }

            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } declared ? declared : ["GET", "POST"];
            var sample = string.Join('/', route.Split('/').Select(segment => segment.StartsWith('{') ? Guid.NewGuid().ToString() : segment));
            result.Add(new AdminEndpoint(route, sample, methods, metadata.GetMetadata<IAllowAnonymous>() is not null,
                metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").ToHashSet()));
        }

        return result;
    }
}
