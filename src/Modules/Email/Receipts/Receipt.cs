namespace Storefront.Email.Receipts;

/// <summary>
/// What the buyer's receipt says. Amounts arrive formatted: the order knows its currency, this does not.
/// <see cref="LibraryUrl"/> is where the buyer signs in to find the order again, when the shop has a library.
/// </summary>
public sealed record Receipt(
    string SiteName,
    string SupportEmail,
    string BuyerEmail,
    string? BuyerName,
    string OrderNumber,
    string PaidAmount,
    IReadOnlyList<ReceiptLine> Lines,
    SellerDetails? Seller = null,
    Uri? LibraryUrl = null,
    IReadOnlyList<ReceiptItem>? Items = null,
    IReadOnlyList<ReceiptTotal>? Totals = null,
    IReadOnlyList<ReceiptLicenseKey>? LicenseKeys = null);

/// <summary>One line of the order as charged (formatted), with what else the buyer should keep about it (a discount, tax, a licence key).</summary>
public sealed record ReceiptItem(string ProductTitle, string Amount, IReadOnlyList<string> Details);

/// <summary>A summing line under the items: "Discount", "Tax", "Total".</summary>
public sealed record ReceiptTotal(string Label, string Amount);

/// <summary>A licence key the order was issued, for a product that asks for one.</summary>
public sealed record ReceiptLicenseKey(string ProductTitle, string Key);

/// <summary>One purchased product and the limits on its download link.</summary>
/// <param name="UsesLeft">What is left when the receipt is sent: fewer than allowed in a receipt sent again after downloads.</param>
public sealed record ReceiptLine(string ProductTitle, Uri DownloadUrl, int UsesAllowed, int UsesLeft, DateTimeOffset ExpiresUtc)
{
    /// <summary>"3 downloads, until 23 Nov 2026 21:40 UTC" (or "1 of 3 downloads left, until …"), as the built-in receipt says it.</summary>
    public string Limits => ReceiptEmail.Limits(this);
}

/// <summary>Who sells, for buyers (and tax rules) that want the seller named on the receipt.</summary>
public sealed record SellerDetails(string Name, IReadOnlyList<string> AddressLines);
