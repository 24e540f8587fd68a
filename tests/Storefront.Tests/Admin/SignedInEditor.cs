using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// An admin user signed in through the real sign-in form (see <see cref="AdminSession"/>), with its
/// cookie-keeping client and a helper to post multipart forms with their antiforgery token.
/// </summary>
public sealed class SignedInEditor(HttpClient client, string email, string password)
{
    public HttpClient Client { get; } = client;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public static async Task<SignedInEditor> CreateAsync(StorefrontApp app, string role = "Editor")
    {
        var email = await AdminSession.CreateUserAsync(app, role);
        var client = AdminSession.NewClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.SignInAsync(client, email, AdminSession.Password)).StatusCode);
        return new SignedInEditor(client, email, AdminSession.Password);
    }

    /// <summary>Loads the form page, then posts the fields as multipart with the page's antiforgery token, as a browser would.</summary>
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

    public Task<string> TokenAsync(string formPage) => AdminSession.AntiforgeryTokenAsync(Client, formPage);
}
