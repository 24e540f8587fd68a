using Storefront.Payments.Orders;

namespace Storefront.Payments.Invoices;

/// <summary>A party to the invoice as printed: name, address lines and tax ids (already labelled, e.g. "VAT id: DE123456789").</summary>
public sealed record InvoiceParty(string? Name, IReadOnlyList<string> Lines, IReadOnlyList<string> TaxIds)
{
    /// <summary>Address lines as settings and orders hold them: one per line, blank ones dropped.</summary>
    public static string[] LinesOf(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The seller as snapshotted when a document was issued.</summary>
    public static InvoiceParty SellerOf(string name, string? address, string? vatId) =>
        new(name, LinesOf(address), vatId is { Length: > 0 } vat ? [$"VAT id: {vat}"] : []);

    /// <summary>The buyer as the order recorded them at fulfilment: name, billing address and tax ids as Stripe collected them.</summary>
    public static InvoiceParty BuyerOf(Order order) => new(order.BuyerName, LinesOf(order.BuyerAddress), [.. LinesOf(order.BuyerTaxIds).Select(TaxIdLine)]);

    /// <summary>"eu_vat DE123456789" → "VAT id: DE123456789"; other kinds of tax id keep Stripe's type name.</summary>
    private static string TaxIdLine(string stored)
    {
        var space = stored.IndexOf(' ', StringComparison.Ordinal);
        var (type, value) = space < 0 ? ("", stored) : (stored[..space], stored[(space + 1)..]);
        return type.EndsWith("_vat", StringComparison.Ordinal) ? $"VAT id: {value}"
            : type is "" or "unknown" ? $"Tax id: {value}" : $"Tax id ({type}): {value}";
    }
}

/// <summary>The money lines, in the order's currency's minor units; discount and tax are printed only when not zero.</summary>
public sealed record InvoiceAmounts(string Currency, long Item, long Discount, long Tax, long Total);

/// <summary>One product line as printed: its title, what was asked for it, and notes under it (its discount and tax).</summary>
public sealed record InvoiceLine(string Title, long Amount, IReadOnlyList<string> Notes);

/// <summary>What one invoice says, gathered before drawing so the drawing needs no database.</summary>
public sealed record InvoiceContent(
    long Number, DateTime IssuedAt, DateTime PaidAt, InvoiceParty Seller, InvoiceParty Buyer, string? BuyerEmail,
    long OrderNumber, IReadOnlyList<InvoiceLine> Lines, InvoiceAmounts Amounts, string? PaymentMethod)
{
    /// <summary>"Product: KEY" for each licence key the order was issued, printed under the amounts.</summary>
    public IReadOnlyList<string> LicenseKeys { get; init; } = [];

    /// <summary>The invoice of a paid order: the seller as snapshotted when it was issued, the buyer and amounts as Stripe reported them.</summary>
    public static InvoiceContent Of(Order order, OrderStatement statement, Invoice invoice)
    {
        var seller = InvoiceParty.SellerOf(invoice.SellerName, invoice.SellerAddress, invoice.SellerVatId);
        var buyer = InvoiceParty.BuyerOf(order);
        var lines = statement.Lines.Select(l => new InvoiceLine(l.Title, l.Asked, Notes(statement, l))).ToList();
        var amounts = new InvoiceAmounts(statement.Currency, statement.Subtotal, statement.Discount, statement.Tax, statement.Total);
        return new InvoiceContent(invoice.Number, invoice.IssuedAt, order.FulfilledAt ?? invoice.IssuedAt, seller, buyer, order.BuyerEmail,
            order.Number, lines, amounts, order.PaymentMethod);
    }

    /// <summary>A line's own discount and tax, printed under it only when the order has several lines (one line's are the totals').</summary>
    private static IReadOnlyList<string> Notes(OrderStatement statement, StatementLine line) => statement.Lines.Count < 2 ? [] : statement.Notes(line);
}
