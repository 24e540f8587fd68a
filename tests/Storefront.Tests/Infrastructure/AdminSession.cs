using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Users.Services;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Signed-in admin sessions for tests: a user is created through the app's own account service,
/// then signed in through the real sign-in form, so cookies, antiforgery and lockout all take part.
/// </summary>
public static partial class AdminSession
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates an admin user in <paramref name="role"/> (default: a fresh address) and returns the email.</summary>
    public static async Task<string> CreateUserAsync(StorefrontApp app, string role = AdminRoles.Administrator, string? email = null, string password = Password)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, password, role);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return email;
    }

    /// <summary>A client with a new user of <paramref name="role"/> signed in; redirects are not followed.</summary>
    public static async Task<HttpClient> SignInAsync(StorefrontApp app, string role = AdminRoles.Administrator)
    {
        var email = await CreateUserAsync(app, role);
        var client = NewClient(app);
        var response = await SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts the sign-in form with these credentials.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, bool rememberMe = false) =>
        PostFormAsync(client, "/admin/account/sign-in", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser tab one step at a time.</summary>
    public static HttpClient NewClient(StorefrontApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };

    /// <summary>Loads the form page at <paramref name="pagePath"/> for its antiforgery token, then posts the fields to <paramref name="action"/> (default: the same page).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, Dictionary<string, string> fields, string? action = null)
    {
        var token = await AntiforgeryTokenAsync(client, pagePath);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(action ?? pagePath, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        var html = await client.GetStringAsync(pagePath);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"{pagePath} has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Signs a Playwright page in as a new user of <paramref name="role"/> through the real form; returns the email.</summary>
    public static async Task<string> SignInAsync(IPage page, StorefrontApp app, string role = AdminRoles.Administrator)
    {
        var email = await CreateUserAsync(app, role);
        await SignInAsync(page, email);
        return email;
    }

    /// <summary>Signs a Playwright page in through the real form as an existing user with the test password.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/admin/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The address changing proves the sign-in. Polled rather than awaited as a navigation: when the
        // click has already landed on /admin, WaitForURLAsync waits for a load event it can miss.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"), new() { Timeout = 90_000 });
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync(new() { Timeout = 90_000 });
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)" """, RegexOptions.None)]
    private static partial Regex TokenField();
}
