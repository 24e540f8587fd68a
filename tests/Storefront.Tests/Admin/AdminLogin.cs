using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary><see cref="AdminSession"/> with a chosen address, so audit entries can be checked by name.</summary>
public static class AdminLogin
{
    public static async Task<HttpClient> ClientAsync(StorefrontApp app, string email, string role)
    {
        await AdminSession.CreateUserAsync(app, role, email);
        var client = AdminSession.NewClient(app);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await AdminSession.SignInAsync(client, email, AdminSession.Password)).StatusCode);
        return client;
    }

    /// <summary>A fresh browser context signed in through the sign-in form; returns the page and the user's email.</summary>
    public static async Task<(IPage Page, string Email)> PageAsync(IBrowser browser, StorefrontApp app, string role)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var email = await AdminSession.SignInAsync(page, app, role);
        return (page, email);
    }
}
