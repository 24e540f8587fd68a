namespace Storefront.Payments.Cart;

/// <summary>
/// A buyer's cart, kept in the database behind a cookie so it survives restarts and is the same on every instance. The
/// cookie holds a random token; the row is keyed by its SHA-256, so the table alone opens no one's cart.
/// </summary>
public sealed class Cart
{
    public required string Id { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The order of the Checkout Session last opened from this cart: when it is paid, the cart empties.</summary>
    public Guid? CheckoutOrderId { get; set; }

    /// <summary>A promotion code the buyer brought (a shared link, the cart's field), offered again at the cart's Pay button.</summary>
    public string? PromotionCode { get; set; }
}

/// <summary>One product in a cart, at most once: a digital product is bought once per order.</summary>
public sealed class CartItem
{
    public required string CartId { get; set; }

    public Guid ProductId { get; set; }

    /// <summary>The amount a buyer chose for a pay-what-you-want product, validated when added and again at checkout.</summary>
    public long? ChosenAmountMinor { get; set; }

    /// <summary>The price the buyer saw when adding it, so a later change can be pointed out before paying.</summary>
    public long SeenPriceMinor { get; set; }

    public required DateTime AddedAt { get; set; }
}
