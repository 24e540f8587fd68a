using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Payments.Cart;

/// <summary>A cart line as the buyer sees it now: the product from current data (null once deleted), and whether it is still for sale.</summary>
public sealed record CartLine(Guid ProductId, ProductSnapshot? Product, bool OnSale, long AmountMinor, long SeenPriceMinor, long? ChosenAmountMinor)
{
    /// <summary>The list price moved since the buyer added it (a chosen amount is the buyer's own and does not move).</summary>
    public bool PriceChanged => ChosenAmountMinor is null && Product is not null && Product.PriceMinor != SeenPriceMinor;
}

public sealed record CartView(string? CartId, IReadOnlyList<CartLine> Lines, string? PromotionCode = null)
{
    public static readonly CartView Empty = new(null, []);

    public IReadOnlyList<CartLine> Buyable => [.. Lines.Where(l => l.OnSale)];

    /// <summary>The currencies of what can be bought, lower case: more than one when an editor repriced a product after it went in.</summary>
    public IReadOnlyList<string> Currencies => [.. Buyable.Select(l => l.Product!.Currency.ToLowerInvariant()).Distinct()];
}

public enum CartAddOutcome
{
    Added,
    AlreadyInCart,
}

/// <summary>
/// The cart behind the <c>storefront.cart</c> cookie. Every read builds the lines from the catalogue as it is now, so a
/// product that left the shop or changed its price shows as such before the buyer pays.
/// </summary>
public sealed class CartStore(StorefrontDbContext db, ICatalogProducts catalog, IOptions<SiteOptions> site, TimeProvider clock)
{
    public const string CookieName = "storefront.cart";

    /// <summary>Carts are kept this long after their last change; the cookie lives as long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<CartView> ViewAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var cart = IdOf(http) is { } id ? await db.Set<Cart>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (cart is null)
        {
            return CartView.Empty;
        }

        var items = await db.Set<CartItem>().AsNoTracking().Where(i => i.CartId == cart.Id).OrderBy(i => i.AddedAt).ToListAsync(cancellationToken);
        var lines = new List<CartLine>(items.Count);
        foreach (var item in items)
        {
            var product = await catalog.FindAsync(item.ProductId, cancellationToken);
            var onSale = product is not null && await catalog.FindPublishedAsync(product.Slug, cancellationToken) is not null;
            // A chosen amount counts only while the product takes one; otherwise its price does.
            var chosen = product is { PayWhatYouWant: true } ? item.ChosenAmountMinor : null;
            lines.Add(new CartLine(item.ProductId, product, onSale && product?.ExternalUrl is null, chosen ?? product?.PriceMinor ?? item.SeenPriceMinor,
                item.SeenPriceMinor, chosen));
        }

        return new CartView(cart.Id, lines, cart.PromotionCode);
    }

    /// <summary>How many lines the cart holds, for its link in the navigation; no cookie, no query.</summary>
    public async Task<int> CountAsync(HttpContext http, CancellationToken cancellationToken) =>
        IdOf(http) is { } id ? await db.Set<CartItem>().CountAsync(i => i.CartId == id, cancellationToken) : 0;

    /// <summary>Adds the product once; a second add of the same product changes nothing (a chosen amount is updated).</summary>
    public async Task<CartAddOutcome> AddAsync(HttpContext http, ProductSnapshot product, long? chosenAmountMinor, CancellationToken cancellationToken)
    {
        var id = await EnsureCartAsync(http, cancellationToken);
        var existing = await db.Set<CartItem>().FirstOrDefaultAsync(i => i.CartId == id && i.ProductId == product.Id, cancellationToken);
        if (existing is not null)
        {
            existing.ChosenAmountMinor = chosenAmountMinor ?? existing.ChosenAmountMinor;
            await TouchAsync(id, cancellationToken);
            return CartAddOutcome.AlreadyInCart;
        }

        db.Add(new CartItem
        {
            CartId = id, ProductId = product.Id, ChosenAmountMinor = chosenAmountMinor, SeenPriceMinor = product.PriceMinor,
            AddedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await TouchAsync(id, cancellationToken);
            return CartAddOutcome.Added;
        }
        catch (DbUpdateException)
        {
            // The same product added twice at once (a double click on two tabs): the primary key kept one.
            db.ChangeTracker.Clear();
            return CartAddOutcome.AlreadyInCart;
        }
    }

    public async Task RemoveAsync(HttpContext http, Guid productId, CancellationToken cancellationToken)
    {
        if (IdOf(http) is { } id)
        {
            await db.Set<CartItem>().Where(i => i.CartId == id && i.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>The buyer has seen the current prices: they become the ones a later change is measured from.</summary>
    public async Task AcknowledgePricesAsync(CartView cart, CancellationToken cancellationToken)
    {
        foreach (var line in cart.Lines.Where(l => l.PriceChanged))
        {
            await db.Set<CartItem>().Where(i => i.CartId == cart.CartId && i.ProductId == line.ProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.SeenPriceMinor, line.Product!.PriceMinor), cancellationToken);
        }
    }

    /// <summary>Takes out products that are no longer for sale, so what is left is what the buyer can pay for.</summary>
    public async Task RemoveUnavailableAsync(CartView cart, CancellationToken cancellationToken)
    {
        var gone = cart.Lines.Where(l => !l.OnSale).Select(l => l.ProductId).ToList();
        if (cart.CartId is { } id && gone.Count > 0)
        {
            await db.Set<CartItem>().Where(i => i.CartId == id && gone.Contains(i.ProductId)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Keeps the code the buyer brought for the cart's Pay button; an empty one forgets it.</summary>
    public async Task RememberCodeAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        var trimmed = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (trimmed is { Length: > 40 })
        {
            return;
        }

        var id = IdOf(http) is { } known ? known : trimmed is null ? null : await EnsureCartAsync(http, cancellationToken);
        if (id is not null)
        {
            await db.Set<Cart>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PromotionCode, trimmed), cancellationToken);
        }
    }

    /// <summary>Remembers which order the cart's Checkout Session belongs to: once that order is paid, the cart empties.</summary>
    public Task<int> AttachOrderAsync(string cartId, Guid orderId, CancellationToken cancellationToken) =>
        db.Set<Cart>().Where(c => c.Id == cartId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CheckoutOrderId, orderId), cancellationToken);

    private async Task<string> EnsureCartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (IdOf(http) is { } id && await db.Set<Cart>().AnyAsync(c => c.Id == id, cancellationToken))
        {
            return id;
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var cart = new Cart { Id = Hash(token), CreatedAt = now, UpdatedAt = now };
        db.Add(cart);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            // Under an https base URL buyers reach the shop only over TLS (at the proxy): the cookie never travels in the clear.
            Secure = http.Request.IsHttps || site.Value.ConfiguredOrigin?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        http.Items[CookieName] = cart.Id;
        return cart.Id;
    }

    private async Task TouchAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<Cart>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), cancellationToken);
    }

    /// <summary>The cart id of this request: the one just created, or the cookie's token hashed. A malformed cookie is no cart.</summary>
    private static string? IdOf(HttpContext http)
    {
        if (http.Items[CookieName] is string created)
        {
            return created;
        }

        var token = http.Request.Cookies[CookieName];
        return token is { Length: 43 } && Base64Url.IsValid(token) ? Hash(token) : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
