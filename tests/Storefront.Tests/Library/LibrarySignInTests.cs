using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Library.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Library;

/// <summary>Sign-in to the library by an emailed one-time link: the link, its limits, and the cookie it sets.</summary>
public sealed class LibrarySignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABuyerWhoLostTheReceiptSignsInByEmailedLinkAndSeesEveryOrderOfTheirEmail(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("Ana@Example.com", "Ana");
        await shop.BuyAsync("ana@example.com", "Ana");
        await shop.BuyAsync("someone-else@example.com", "Sam");
        using var visitor = new LibraryVisitor(shop.App);

        Assert.Contains("Email me a sign-in link", await visitor.LibraryAsync());
        await visitor.SignInAsync("  ANA@example.com ");
        var library = await visitor.LibraryAsync();

        var numbers = await shop.App.WithDbAsync(d => d.Set<Storefront.Payments.Orders.Order>().OrderBy(o => o.Number).Select(o => o.Number).ToListAsync());
        Assert.Contains("Signed in as <strong>ana@example.com</strong>", library);
        Assert.Contains($"Order {numbers[0]}", library);
        Assert.Contains($"Order {numbers[1]}", library);
        Assert.DoesNotContain($"Order {numbers[2]}", library);
        Assert.Contains("$29.00", library);
        Assert.Contains("3 of 3 downloads left", library);
        Assert.Equal(2, LibraryVisitor.DownloadLinks(library).Count);

        var mail = Assert.Single(LibraryVisitor.SignInMails(shop.App, "ana@example.com"));
        Assert.Equal("Your sign-in link for Field Guides", mail.Subject);
        Assert.Contains("works once, within 15 minutes", mail.TextBody);
        Assert.Contains("Sign in to your library", mail.HtmlBody);
        Assert.Equal("Field Guides", mail.ReplyTo.Mailboxes.Single().Name);
        // The receipt, lost or not, points at the library too.
        var receipt = LibraryVisitor.Mails(shop.App).First(m => m.Subject?.StartsWith("Your download", StringComparison.Ordinal) == true);
        Assert.Contains($"{shop.App.BaseAddress.ToString().TrimEnd('/')}/library", receipt.TextBody);
        Assert.Contains("/library\">your library</a>", receipt.HtmlBody);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheLinkWorksOnceIsOnlyUsedByTheButtonAndExpiresAfterFifteenMinutes()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("once@example.com", "Once");
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.AskForLinkAsync("once@example.com");
        var link = await LibraryVisitor.SignInLinkAsync(shop.App, "once@example.com");

        // A mail scanner opening the link twice leaves it usable.
        Assert.Contains(">Sign in</button>", await visitor.Client.GetStringAsync(link.PathAndQuery));
        Assert.Contains(">Sign in</button>", await visitor.Client.GetStringAsync(link.PathAndQuery));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.RedeemAsync(link)).StatusCode);

        using var second = new LibraryVisitor(shop.App);
        var again = await second.Client.GetStringAsync(link.PathAndQuery);
        Assert.Contains("This sign-in link was already used", again);
        Assert.Contains("href=\"/library\">Email me a new sign-in link", again);
        var replayed = await second.Client.PostAsync("/library/sign-in",
            LibraryVisitor.Form(await second.TokenAsync("/library"), ("token", link.Query.Split('=')[1])));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Signed in as", await second.LibraryAsync());

        await second.AskForLinkAsync("once@example.com");
        var late = await LibraryVisitor.SignInLinkAsync(shop.App, "once@example.com", 2);
        Assert.NotEqual(link, late);
        // Sixteen minutes pass for the stored link.
        await shop.App.WithDbAsync(d => d.Set<SignInLink>().Where(l => l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, l => l.CreatedAt.AddMinutes(-1))));
        Assert.Contains("This sign-in link has expired", await second.Client.GetStringAsync(late.PathAndQuery));
        var expired = await second.Client.PostAsync("/library/sign-in",
            LibraryVisitor.Form(await second.TokenAsync("/library"), ("token", late.Query.Split('=')[1])));
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("Sign in to your library", await second.Client.GetStringAsync("/library/sign-in?token=not-a-token"));
        Assert.Contains("is not valid", await second.Client.GetStringAsync("/library/sign-in?token=not-a-token"));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task OfConcurrentRedemptionsOfOneLinkExactlyOneSignsIn(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("race@example.com", "Race");
        using var asker = new LibraryVisitor(shop.App);
        await asker.AskForLinkAsync("race@example.com");
        var link = await LibraryVisitor.SignInLinkAsync(shop.App, "race@example.com");
        var visitors = Enumerable.Range(0, 4).Select(_ => new LibraryVisitor(shop.App)).ToList();
        var forms = new List<FormUrlEncodedContent>();
        foreach (var visitor in visitors)
        {
            forms.Add(LibraryVisitor.Form(LibraryVisitor.AntiforgeryOf(await visitor.Client.GetStringAsync(link.PathAndQuery)), ("token", link.Query.Split('=')[1])));
        }

        var answers = await Task.WhenAll(visitors.Select((v, i) => v.Client.PostAsync("/library/sign-in", forms[i])));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        visitors.ForEach(v => v.Dispose());
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ALinkSignsInOnlyTheEmailItWasSentToAndIsStoredOnlyAsAHash()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("first@example.com", "First");
        await shop.BuyAsync("second@example.com", "Second");
        using var first = new LibraryVisitor(shop.App);
        using var second = new LibraryVisitor(shop.App);

        await first.SignInAsync("first@example.com");
        await second.SignInAsync("second@example.com");

        Assert.Contains("Signed in as <strong>first@example.com</strong>", await first.LibraryAsync());
        Assert.Contains("Signed in as <strong>second@example.com</strong>", await second.LibraryAsync());
        var token = (await LibraryVisitor.SignInLinkAsync(shop.App, "first@example.com")).Query.Split('=')[1];
        var stored = await shop.App.WithDbAsync(d => d.Set<SignInLink>().Select(l => l.TokenHash).ToListAsync());
        var outbox = await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().Select(m => m.Payload).ToListAsync());
        Assert.DoesNotContain(stored, h => h.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(outbox, p => p.Contains(token, StringComparison.Ordinal));
        shop.App.Logs.AssertNeverLogged(token);
    }

    [Fact]
    public async Task AnEmailThatBoughtNothingGetsTheSameAnswerAndNoMail()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("known@example.com", "Known");
        using var visitor = new LibraryVisitor(shop.App);

        var known = await visitor.AskForLinkAsync("known@example.com");
        var unknown = await visitor.AskForLinkAsync("unknown@example.com");
        await shop.WaitForOutboxDrainedAsync();

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal((await known.Content.ReadAsStringAsync()).Replace("known@example.com", "EMAIL"),
            (await unknown.Content.ReadAsStringAsync()).Replace("unknown@example.com", "EMAIL"));
        Assert.Single(LibraryVisitor.SignInMails(shop.App, "known@example.com"));
        Assert.DoesNotContain(LibraryVisitor.Mails(shop.App), m => m.To.Mailboxes.Any(t => t.Address == "unknown@example.com"));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task BadInputGetsAMessageNotAnError()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var visitor = new LibraryVisitor(shop.App);

        var bad = await visitor.AskForLinkAsync("Name <a@example.com>");
        var empty = await visitor.AskForLinkAsync("");

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Enter the email address you used at checkout", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter the email address you used at checkout", await empty.Content.ReadAsStringAsync());
        var invoice = await visitor.Client.GetAsync("/library/orders/x/invoice");
        Assert.Equal((HttpStatusCode.Redirect, "/library"), (invoice.StatusCode, invoice.Headers.Location?.OriginalString));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SignInLinksAreLimitedPerEmailAndPerClientAddress()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Library:SignInLinksPerEmail"] = "2",
            ["Library:SignInLinksPerAddress"] = "4",
        });
        using var visitor = new LibraryVisitor(shop.App);

        var answers = new List<HttpStatusCode>();
        foreach (var email in new[] { "a@example.com", "A@example.com", "a@example.com", "b@example.com", "c@example.com" })
        {
            answers.Add((await visitor.AskForLinkAsync(email)).StatusCode);
        }

        // a, a, then a third a refused for the email (still counted for the address); b is the address's fourth; c is past its limit.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var refused = await visitor.AskForLinkAsync("d@example.com");
        Assert.Contains("Too many sign-in links were asked for lately. Please wait", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(3, await shop.App.WithDbAsync(d => d.Set<SignInLink>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheLibraryCookieIsScopedToTheLibraryAndNeitherCookieOpensTheOthersPages()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("cookie@example.com", "Cookie");
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.AskForLinkAsync("cookie@example.com");

        var signedIn = await visitor.RedeemAsync(await LibraryVisitor.SignInLinkAsync(shop.App, "cookie@example.com"));

        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storefront.library=", StringComparison.Ordinal));
        Assert.Contains("path=/library", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = visitor.Cookies.GetCookies(new Uri(shop.App.BaseAddress, "/library"))["storefront.library"]!;

        // The library cookie, sent to the admin by hand, is not an admin session.
        using var stranger = shop.App.CreateHttpClient();
        using var toAdmin = new HttpRequestMessage(HttpMethod.Get, "/admin");
        toAdmin.Headers.Add("Cookie", $"storefront.library={cookie.Value}");
        var admin = await stranger.SendAsync(toAdmin);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Contains("/admin/account/sign-in", admin.Headers.Location!.OriginalString);

        // An administrator is not a buyer: the admin cookie shows the library's sign-in form.
        using var administrator = await AdminSession.SignInAsync(shop.App);
        var asAdmin = await administrator.GetStringAsync("/library");
        Assert.DoesNotContain("Signed in as", asAdmin);
        Assert.Contains("Email me a sign-in link", asAdmin);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithAnHttpsAddressTheLibraryCookieIsSecure()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Site:BaseUrl"] = "https://shop.example.test" });
        // The success page lives at the https address, which nothing serves here: the webhook settles the order.
        await shop.BuyAsync("secure@example.com", "Sec", openSuccessPage: false);
        await shop.WaitForDeliveryAsync("checkout.session.completed");
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.AskForLinkAsync("secure@example.com");
        var link = await LibraryVisitor.SignInLinkAsync(shop.App, "secure@example.com");

        var signedIn = await visitor.RedeemAsync(link);

        Assert.Equal("https://shop.example.test", link.GetLeftPart(UriPartial.Authority));
        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storefront.library=", StringComparison.Ordinal));
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SigningOutIsAPostThatEndsTheLibrarySession()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("out@example.com", "Out");
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync("out@example.com");
        var library = await visitor.LibraryAsync();

        Assert.Contains("Sign out</button>", await visitor.Client.GetStringAsync("/library/sign-out"));
        Assert.Contains("Signed in as", await visitor.LibraryAsync());
        var signedOut = await visitor.Client.PostAsync("/library/sign-out", LibraryVisitor.Form(LibraryVisitor.AntiforgeryOf(library)));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await visitor.LibraryAsync();
        Assert.DoesNotContain("Signed in as", after);
        Assert.Contains("Email me a sign-in link", after);
        shop.App.Logs.AssertNoErrors();
    }
}
