namespace Storefront.Payments.Invoices;

/// <summary>
/// The invoice of one paid order. Its number comes from a gap-free sequence of its own, separate from order numbers,
/// because tax authorities expect invoices numbered without holes while unpaid orders leave holes in order numbers.
/// </summary>
public sealed class Invoice
{
    public Guid OrderId { get; set; }

    public long Number { get; set; }

    public required DateTime IssuedAt { get; set; }

    /// <summary>The seller as named when the invoice was issued: a later change in the settings never reaches old invoices.</summary>
    public required string SellerName { get; set; }

    /// <summary>Address lines joined by newlines, as the settings hold them.</summary>
    public string? SellerAddress { get; set; }

    public string? SellerVatId { get; set; }

    /// <summary>The document as first rendered; kept so later downloads and later seller changes never alter it.</summary>
    public byte[]? Pdf { get; set; }
}
