namespace Storefront.Payments.Orders;

/// <summary>
/// One product of an order, at the price the shop asked for it (the list price, or the amount a buyer chose), with what
/// Stripe reported doing to it: the discount it took off and the tax it computed. A bundle is one line.
/// </summary>
public sealed class OrderLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    /// <summary>The line's place in the Checkout Session, from 0; Stripe lists line items in the order they were given.</summary>
    public int Position { get; set; }

    public Guid ProductId { get; set; }

    public required string ProductTitle { get; set; }

    /// <summary>What the shop asked for this line, from its database (or the buyer's validated choice), never from a form's price.</summary>
    public long UnitAmountMinor { get; set; }

    public long? AmountDiscount { get; set; }

    public long? AmountTax { get; set; }

    /// <summary>What the buyer paid for the line: the asked amount less its discount, plus tax when prices exclude it.</summary>
    public long? AmountTotal { get; set; }

    /// <summary>Set when a refund named this line: what it granted stops working, the other lines keep theirs.</summary>
    public DateTime? RefundedAt { get; set; }

    /// <summary>What the line cost the buyer, as far as is known: Stripe's total when reported, the asked amount otherwise.</summary>
    public long Charged => AmountTotal ?? UnitAmountMinor;
}
