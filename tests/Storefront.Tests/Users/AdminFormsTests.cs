using System.Net;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

/// <summary>Cross-site request forgery: every admin form carries a token, and a post without one is refused.</summary>
public sealed partial class AdminFormsTests
{
    private static readonly string[] PublicPages =
        ["/admin/setup", "/admin/account/sign-in", "/admin/account/forgot-password", "/admin/account/reset-password?email=a%40example.com&code=abc"];

    private static readonly string[] SignedInPages =
        ["/admin", "/admin/account/two-factor", "/admin/account/sign-out", "/admin/users", "/admin/users/invite", "/admin/roles", "/admin/roles/Editor"];

    [Fact]
    public async Task EveryFormOnEveryAdminPageCarriesAnAntiforgeryToken()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var anonymous = app.CreateHttpClient();
        var checkedForms = 0;
        foreach (var path in PublicPages)
        {
            checkedForms += AssertFormsHaveTokens(path, await anonymous.GetStringAsync(path));
        }

        using var administrator = await AdminSession.SignInAsync(app);
        foreach (var path in SignedInPages)
        {
            var response = await administrator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            checkedForms += AssertFormsHaveTokens(path, await response.Content.ReadAsStringAsync());
        }

        Assert.True(checkedForms >= SignedInPages.Length + PublicPages.Length, $"Only {checkedForms} forms were found.");
    }

    [Theory]
    [InlineData("/admin/account/sign-in")]
    [InlineData("/admin/account/forgot-password")]
    [InlineData("/admin/setup")]
    [InlineData("/admin/account/sign-out")]
    [InlineData("/admin/account/two-factor?handler=Disable")]
    [InlineData("/admin/users/invite")]
    [InlineData("/admin/users?handler=Remove&id=00000000-0000-0000-0000-000000000001")]
    [InlineData("/admin/roles/Editor")]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused(string path)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var administrator = path == "/admin/setup" ? app.CreateHttpClient() : await AdminSession.SignInAsync(app);

        using var response = await administrator.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "someone@example.com", ["Input.Email"] = "someone@example.com", ["Input.Password"] = AdminSession.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static int AssertFormsHaveTokens(string path, string html)
    {
        var forms = Form().Matches(html);
        foreach (Match form in forms)
        {
            Assert.Contains("name=\"__RequestVerificationToken\"", form.Value);
            Assert.Matches("method=\"post\"", form.Value);
        }

        return forms.Count;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();
}
