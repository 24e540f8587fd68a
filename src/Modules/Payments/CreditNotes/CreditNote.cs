namespace Storefront.Payments.CreditNotes;

/// <summary>
/// The credit note of one refund: it cancels part or all of an invoice, so it has gap-free numbers of its own, and is kept
/// as first issued, like the invoice it refers to.
/// </summary>
public sealed class CreditNote
{
    /// <summary>The Stripe refund it documents: one credit note per refund.</summary>
    public required string RefundId { get; set; }

    public Guid OrderId { get; set; }

    public long Number { get; set; }

    public required DateTime IssuedAt { get; set; }

    /// <summary>The seller as named when the note was issued.</summary>
    public required string SellerName { get; set; }

    public string? SellerAddress { get; set; }

    public string? SellerVatId { get; set; }

    /// <summary>The document as first rendered; later downloads get these bytes.</summary>
    public byte[]? Pdf { get; set; }
}
