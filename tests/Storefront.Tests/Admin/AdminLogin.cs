using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Services;

namespace Storefront.Tests.Admin;

/// <summary>
/// Creates an admin user with a role through the Users module's own service, then signs in through the real
/// sign-in page, so the tests run with the same cookie, roles and policies as a person would.
/// </summary>
public static class AdminLogin
{
    public const string Password = "correct horse battery staple";

    public static async Task CreateAsync(StorefrontApp app, string email, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, role);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    /// <summary>An HTTP client signed in as a new user with the role.</summary>
    public static async Task<HttpClient> ClientAsync(StorefrontApp app, string email, string role)
    {
        await CreateAsync(app, email, role);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseAddress,
        };
        var signedIn = await AdminForms.PostAsync(client, "/admin/account/sign-in", "/admin/account/sign-in",
            ("Input.Email", email), ("Input.Password", Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>A browser page signed in through the sign-in form.</summary>
    public static async Task<IPage> PageAsync(IBrowser browser, StorefrontApp app, string email, string role)
    {
        await CreateAsync(app, email, role);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        return page;
    }
}
