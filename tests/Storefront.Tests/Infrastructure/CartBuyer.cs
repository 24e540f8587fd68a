using System.Net;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Infrastructure;

/// <summary>A buyer's browser without JavaScript, keeping the cart cookie: product pages → Add to cart → /cart → Pay → hosted page.</summary>
public sealed partial class CartBuyer(Uri shop) : IDisposable
{
    private readonly CookieContainer cookies = new();
    private HttpClient? client;

    public HttpClient Client => client ??= new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = shop };

    /// <summary>The cart cookie, to carry to another instance of the shop.</summary>
    public Cookie? CartCookie => cookies.GetCookies(shop).FirstOrDefault(c => c.Name == "storefront.cart");

    public async Task<HttpResponseMessage> AddAsync(string slug, string? amount = null)
    {
        var page = await Client.GetStringAsync($"/products/{slug}");
        return await PostAsync($"/cart/add/{slug}", page, amount is null ? [] : [KeyValuePair.Create("amount", amount)]);
    }

    public Task<string> CartPageAsync() => Client.GetStringAsync("/cart");

    public async Task<HttpResponseMessage> RemoveAsync(Guid productId) =>
        await PostAsync("/cart/remove/item", await CartPageAsync(), [KeyValuePair.Create("productId", productId.ToString())]);

    /// <summary>Presses Pay on the cart page: 303 to Stripe's page, or back to the cart with a notice.</summary>
    public async Task<HttpResponseMessage> CheckoutAsync() => await PostAsync("/checkout", await CartPageAsync(), []);

    /// <summary>Pays on the emulator's hosted page and opens the success page it returns to.</summary>
    public async Task<Purchase> PayAsync(Uri payPage, string email, string name, IReadOnlyDictionary<string, string>? fields = null)
    {
        var paid = await Client.PostAsync(payPage, new FormUrlEncodedContent(
        [
            KeyValuePair.Create("action", "pay"), KeyValuePair.Create("email", email), KeyValuePair.Create("name", name),
            .. fields ?? new Dictionary<string, string>(),
        ]));
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        return new Purchase(payPage.Segments[^1], paid.Headers.Location, await Client.GetStringAsync(paid.Headers.Location!));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string pageWithForm, KeyValuePair<string, string>[] fields) =>
        await Client.PostAsync(path, new FormUrlEncodedContent(
            [KeyValuePair.Create("__RequestVerificationToken", AntiforgeryToken().Match(pageWithForm).Groups[1].Value), .. fields]));

    public void Dispose() => client?.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
