using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Library;

/// <summary>A buyer's browser without JavaScript at the library: its own cookies, the real forms and the real emails.</summary>
internal sealed partial class LibraryVisitor : IDisposable
{
    private readonly StorefrontApp app;

    public LibraryVisitor(StorefrontApp app)
    {
        this.app = app;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies }) { BaseAddress = app.BaseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>Fills in the library's form with <paramref name="email"/>; returns the answer as it came.</summary>
    public async Task<HttpResponseMessage> AskForLinkAsync(string email) =>
        await Client.PostAsync("/library?handler=SendLink", Form(await TokenAsync("/library"), ("Email", email)));

    /// <summary>Opens the emailed link (which only shows a button), then presses the button.</summary>
    public async Task<HttpResponseMessage> RedeemAsync(Uri link)
    {
        var page = await Client.GetAsync(link.PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        var token = HttpUtility(TokenField().Match(html).Groups[1].Value);
        return await Client.PostAsync("/library/sign-in", Form(AntiforgeryOf(html), ("token", token)));
    }

    /// <summary>Asks for a link for <paramref name="email"/>, waits for it in the mail and uses it.</summary>
    public async Task SignInAsync(string email)
    {
        var before = SignInMails(app, email).Count;
        Assert.Equal(HttpStatusCode.OK, (await AskForLinkAsync(email)).StatusCode);
        var redeemed = await RedeemAsync(await SignInLinkAsync(app, email, before + 1));
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("/library", redeemed.Headers.Location?.OriginalString);
    }

    /// <summary>Waits until <paramref name="email"/> has received its <paramref name="nth"/> sign-in link, and returns that link.</summary>
    public static async Task<Uri> SignInLinkAsync(StorefrontApp app, string email, int nth = 1)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(SignInMails(app, email).Count >= nth), $"sign-in link {nth} reaching {email}", seconds: 30);
        return SignInLink(SignInMails(app, email)[nth - 1]) ?? throw new InvalidOperationException("The sign-in email carries no link.");
    }

    public Task<string> LibraryAsync() => Client.GetStringAsync("/library");

    public async Task<HttpResponseMessage> PostAsync(string pagePath, string action, params (string Key, string Value)[] fields) =>
        await Client.PostAsync(action, Form(await TokenAsync(pagePath), fields));

    public async Task<string> TokenAsync(string pagePath) => AntiforgeryOf(await Client.GetStringAsync(pagePath));

    public static string AntiforgeryOf(string html) => Antiforgery().Match(html).Groups[1].Value;

    public static string NonceOf(string html) => Nonce().Match(html).Groups[1].Value;

    public static FormUrlEncodedContent Form(string antiforgery, params (string Key, string Value)[] fields) =>
        new([KeyValuePair.Create("__RequestVerificationToken", antiforgery), .. fields.Select(f => KeyValuePair.Create(f.Key, f.Value))]);

    /// <summary>Every message in the shop's pickup folder, parsed.</summary>
    public static IReadOnlyList<MimeMessage> Mails(StorefrontApp app)
    {
        var folder = app.Folder.File("mail");
        return !Directory.Exists(folder) ? [] : [.. Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(f => MimeMessage.Load(f))];
    }

    public static IReadOnlyList<MimeMessage> SignInMails(StorefrontApp app, string email) =>
        [.. Mails(app).Where(m => m.Subject?.StartsWith("Your sign-in link", StringComparison.Ordinal) == true
            && m.To.Mailboxes.Any(t => string.Equals(t.Address, email.Trim(), StringComparison.OrdinalIgnoreCase)))];

    public static Uri? SignInLink(MimeMessage mail) =>
        SignInUrl().Match(mail.TextBody ?? "") is { Success: true } match ? new Uri(match.Value) : null;

    public static IReadOnlyList<string> DownloadLinks(string html) => ShopWithStripe.DownloadLinks(html);

    /// <summary>The first download link in a plain-text body.</summary>
    public static string PlainDownloadLink(string text) => PlainDownload().Match(text).Value;

    public void Dispose() => Client.Dispose();

    private static string HttpUtility(string value) => WebUtility.HtmlDecode(value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"nonce\" value=\"([^\"]+)\"")]
    private static partial Regex Nonce();

    [GeneratedRegex(@"https?://\S+/download/[A-Za-z0-9_-]+")]
    private static partial Regex PlainDownload();

    [GeneratedRegex(@"https?://\S+/library/sign-in\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SignInUrl();
}
