using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Services;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>One line as charged, in minor units: what the shop asked, Stripe's discount and tax on it, and what it came to.</summary>
public sealed record StatementLine(Guid Id, Guid ProductId, string Title, long Asked, long Discount, long Tax, long Total, bool Refunded);

/// <summary>
/// An order's lines and totals as the buyer was charged, read the same way by the receipt, the invoice, the success page,
/// the library and the admin, so they agree to the cent. Lines paid before Stripe's amounts were kept cost what was asked.
/// </summary>
public sealed record OrderStatement(string Currency, IReadOnlyList<StatementLine> Lines, long Subtotal, long Discount, long Tax, long Total)
{
    public bool HasAdjustments => Discount != 0 || Tax != 0;

    public string Format(long minor) => Money.Format(minor, Currency);

    /// <summary>"Discount −$5.00", "Tax $4.56": a line's own adjustments, as printed under it.</summary>
    public IReadOnlyList<string> Notes(StatementLine line) =>
    [
        .. line.Discount != 0 ? [$"Discount −{Format(line.Discount)}"] : Array.Empty<string>(),
        .. line.Tax != 0 ? [$"Tax {Format(line.Tax)}"] : Array.Empty<string>(),
    ];

    public static async Task<OrderStatement> LoadAsync(StorefrontDbContext db, Order order, CancellationToken cancellationToken)
    {
        var lines = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        return Of(order, lines);
    }

    public static OrderStatement Of(Order order, IReadOnlyList<OrderLine> lines)
    {
        var shown = lines.Select(l => new StatementLine(l.Id, l.ProductId, l.ProductTitle, l.UnitAmountMinor, l.AmountDiscount ?? 0, l.AmountTax ?? 0,
            l.Charged, l.RefundedAt is not null)).ToList();
        // The order's own totals are Stripe's; they stand even where a line lacks its part (line items could not be read).
        var subtotal = order.AmountSubtotal ?? order.AmountMinor;
        return new OrderStatement(order.Currency, shown, subtotal, order.AmountDiscount ?? 0, order.AmountTax ?? 0, order.AmountTotal ?? order.AmountMinor);
    }
}
