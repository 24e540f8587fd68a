using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Services;

namespace Storefront.Tests.Admin;

/// <summary>
/// An admin user created through the app's own account service and signed in through the real
/// sign-in form, with a cookie-keeping client and a helper to post forms with their antiforgery token.
/// </summary>
public sealed partial class SignedInEditor(HttpClient client, string email, string password)
{
    public HttpClient Client { get; } = client;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public static async Task<SignedInEditor> CreateAsync(StorefrontApp app, string role = "Editor")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        const string password = "correct horse battery staple";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, password, role);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.BaseAddress,
        };
        var editor = new SignedInEditor(client, email, password);
        var signedIn = await editor.PostFormAsync("/admin/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return editor;
    }

    /// <summary>Loads the form page, then posts the fields with the page's antiforgery token, as a browser would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await TokenAsync(formPage ?? path);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await Client.PostAsync(path, content);
    }

    public async Task<string> TokenAsync(string formPage)
    {
        var html = await Client.GetStringAsync(formPage);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{formPage} has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
