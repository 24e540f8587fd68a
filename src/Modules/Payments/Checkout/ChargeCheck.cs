using System.Globalization;
using Storefront.Payments.Orders;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Payments.Checkout;

/// <summary>
/// Compares what Stripe charged with what the shop asked for: the lines' prices (list prices or the buyer's validated
/// choices), a discount only from a code the shop applied, tax only when Stripe Tax was asked for, and totals that add up.
/// Stripe's own arithmetic is trusted only where the shop asked it to do some.
/// </summary>
public static class ChargeCheck
{
    /// <summary>Null when the charge is what was asked for; otherwise what differs, for the admin to read.</summary>
    public static string? Mismatch(Order order, IReadOnlyList<OrderLine> lines, Session session, IReadOnlyList<LineItem>? items)
    {
        if (!string.Equals(session.Currency, order.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return $"Stripe charged in {session.Currency?.ToUpperInvariant() ?? "no currency"}, the order is in {order.Currency.ToUpperInvariant()}.";
        }

        var asked = lines.Sum(l => l.UnitAmountMinor);
        var subtotal = session.AmountSubtotal ?? session.AmountTotal;
        var discount = session.TotalDetails?.AmountDiscount ?? 0;
        var tax = session.TotalDetails?.AmountTax ?? 0;
        var shipping = session.TotalDetails?.AmountShipping ?? 0;
        var total = session.AmountTotal;
        if (subtotal != asked)
        {
            return $"Stripe's subtotal is {Amount(subtotal)}, the shop asked for {Amount(asked)}.";
        }

        if (discount < 0 || discount > asked || (discount > 0 && !order.DiscountExpected))
        {
            return $"Stripe took off a discount of {Amount(discount)} that the shop did not offer.";
        }

        if (tax < 0 || (tax > 0 && !order.AutomaticTax) || shipping != 0)
        {
            return $"Stripe added {Amount(tax + shipping)} of tax or shipping that the shop did not ask for.";
        }

        // Exclusive prices add the tax on top; inclusive ones carry it inside the price.
        if (total != asked - discount + tax && !(order.AutomaticTax && total == asked - discount))
        {
            return $"Stripe's total is {Amount(total)}: {Amount(asked)} less {Amount(discount)} plus {Amount(tax)} does not make it.";
        }

        return items is null ? null : LineMismatch(lines, items);
    }

    private static string? LineMismatch(IReadOnlyList<OrderLine> lines, IReadOnlyList<LineItem> items)
    {
        if (items.Count != lines.Count)
        {
            return $"Stripe lists {items.Count} line(s), the order has {lines.Count}.";
        }

        foreach (var (line, item) in lines.OrderBy(l => l.Position).Zip(items))
        {
            if (item.AmountSubtotal != line.UnitAmountMinor || item.Quantity is not (null or 1))
            {
                return $"Stripe charged {Amount(item.AmountSubtotal)} for “{line.ProductTitle}”, the shop asked for {Amount(line.UnitAmountMinor)}.";
            }
        }

        return null;
    }

    private static string Amount(long? minor) => minor?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
}
