using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;

namespace Storefront.Payments.Admin;

public sealed record OrderQuery(string? Search, OrderStatus? Status, int Page);

public sealed record OrderPage(IReadOnlyList<Order> Orders, int Page, int PageCount, int Total);

/// <summary>
/// An order with everything support needs to answer a buyer: what it granted, every download attempt, every dispute, every
/// refund with its credit note number (by refund id), and what is left to refund.
/// </summary>
public sealed record OrderDetail(
    Order Order, IReadOnlyList<DownloadGrant> Entitlements, IReadOnlyList<DownloadAttemptRecord> Attempts, IReadOnlyList<OrderDispute> Disputes,
    IReadOnlyList<OrderRefund> Refunds, IReadOnlyDictionary<string, long> CreditNotes, OrderStatement Statement)
{
    public long RefundableMinor => Order.FulfilledAt is null ? 0 : Math.Max(0, Order.ChargedMinor - Refunds.Where(r => r.Counts).Sum(r => r.AmountMinor));
}

/// <summary>Finds orders for the admin. Read-only: nothing here is tracked by the context.</summary>
public sealed class OrderSearch(
    StorefrontDbContext db, IDownloadAccess downloads, OrderDisputes disputes, OrderRefunds refunds, CreditNoteDocuments creditNotes)
{
    public const int PageSize = 25;

    public async Task<OrderPage> FindAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        var orders = db.Set<Order>().AsNoTracking();
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            // An order number is all digits (optionally written "#1042"); anything else is part of an email address.
            var digits = search.TrimStart('#');
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                orders = orders.Where(o => o.Number == number);
            }
            else
            {
                var email = search.ToLowerInvariant();
                orders = orders.Where(o => o.BuyerEmail != null && o.BuyerEmail.ToLower().Contains(email));
            }
        }

        if (query.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        var total = await orders.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, query.Page, PageSize);
        var items = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number)
            .Skip(window.Skip).Take(window.Size).ToListAsync(cancellationToken);
        return new OrderPage(items, window.Page, window.PageCount, total);
    }

    public async Task<OrderDetail?> DetailAsync(long number, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var granted = await downloads.ForOrderAsync(order.Id, cancellationToken);
        var attempts = await downloads.AttemptsAsync(granted.Select(g => g.Id).ToList(), limit: 200, cancellationToken);
        return new OrderDetail(order, granted, attempts, await disputes.ForOrderAsync(order.Id, cancellationToken),
            await refunds.ForOrderAsync(order.Id, cancellationToken), await creditNotes.NumbersForOrderAsync(order.Id, cancellationToken),
            await OrderStatement.LoadAsync(db, order, cancellationToken));
    }
}
