namespace Storefront.Core.Content;

/// <summary>One paid order as its buyer may see it; the amount arrives formatted for its currency.</summary>
public sealed record BuyerOrder(Guid Id, long Number, DateTime PaidAt, string ProductTitle, string Amount, string Status, bool HasInvoice)
{
    public const string Refunded = "Refunded";

    public const string Disputed = "Disputed";
}

/// <summary>An order's invoice document; without <see cref="Pdf"/> when it exists but cannot be drawn yet (the server lacks its fonts).</summary>
public sealed record BuyerInvoice(long Number, byte[]? Pdf);

/// <summary>
/// The Payments module's answer to "what did this email buy": paid orders only, matched on the email without regard to
/// case or surrounding spaces, so a buyer who typed <c>Ana@Example.com</c> at checkout finds it as <c>ana@example.com</c>.
/// </summary>
public interface IBuyerOrders
{
    /// <summary>Every order of this email that was ever paid (refunded and disputed ones included), newest first.</summary>
    Task<IReadOnlyList<BuyerOrder>> ForEmailAsync(string email, CancellationToken cancellationToken);

    Task<bool> AnyForEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The invoice of the order, only when that order belongs to <paramref name="email"/>; null otherwise.</summary>
    Task<BuyerInvoice?> InvoiceAsync(string email, long orderNumber, CancellationToken cancellationToken);
}
