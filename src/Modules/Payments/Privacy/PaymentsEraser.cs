using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Payments.Webhooks;

namespace Storefront.Payments.Privacy;

/// <summary>
/// Orders lose the buyer's name and email; their invoices keep what tax law needs (number, date, lines, amounts, tax,
/// currency, the seller, the buyer's country that fixes the VAT place of supply and any VAT id). A consumer's street address
/// goes and the stored invoice and credit-note documents are dropped, to be drawn again from what is kept. A business buyer
/// (one who gave a tax id) keeps its billing address and documents: a VAT invoice must name the business customer.
/// Stripe events kept for replay, processed or given up on, lose their bodies, which repeat the buyer's details.
/// </summary>
internal sealed class PaymentsEraser(StorefrontDbContext db) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        var orders = await db.Set<Order>().Where(o => o.BuyerEmail != null && o.BuyerEmail.ToLower() == email).ToListAsync(cancellationToken);
        var ids = orders.Select(o => o.Id).ToList();
        var consumers = orders.Where(o => string.IsNullOrWhiteSpace(o.BuyerTaxIds)).Select(o => o.Id).ToList();
        var invoices = db.Set<Invoice>().Where(i => consumers.Contains(i.OrderId) && i.Pdf != null);
        var creditNotes = db.Set<CreditNote>().Where(c => consumers.Contains(c.OrderId) && c.Pdf != null);
        var sessions = orders.Select(o => o.CheckoutSessionId).OfType<string>().ToList();
        var escaped = System.Text.Json.JsonSerializer.Serialize(email)[1..^1];
        // Processed events, and failed ones the inbox gave up on (no next attempt): neither is run again by itself. Events still
        // waiting to be processed keep their bodies, which their processing needs; the retention deletes them once processed.
        var events = db.Set<StripeInboxEvent>().Where(e => e.Payload != null
            && (e.Status == InboxStatus.Processed || (e.Status == InboxStatus.Failed && e.NextAttemptAt == null))
            && (e.Payload.ToLower().Contains(email) || e.Payload.ToLower().Contains(escaped)));
        if (replacement is null)
        {
            return Counts(orders.Count, await invoices.CountAsync(cancellationToken), await creditNotes.CountAsync(cancellationToken), await events.CountAsync(cancellationToken));
        }

        foreach (var order in orders)
        {
            order.BuyerEmail = replacement.Email;
            order.BuyerName = replacement.Name;
            if (consumers.Contains(order.Id))
            {
                order.BuyerAddress = CountryOf(order.BuyerAddress);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Counts(orders.Count,
            await invoices.ExecuteUpdateAsync(s => s.SetProperty(i => i.Pdf, (byte[]?)null), cancellationToken),
            await creditNotes.ExecuteUpdateAsync(s => s.SetProperty(c => c.Pdf, (byte[]?)null), cancellationToken),
            await events.ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, (string?)null), cancellationToken));
    }

    /// <summary>The address's last line: Checkout writes the country there (see <c>PaidSessionDetails</c>).</summary>
    internal static string? CountryOf(string? address) =>
        address?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [.., var last] ? last : null;

    private static PersonalDataCount[] Counts(int orders, int invoices, int creditNotes, int events) =>
    [
        new("Payments", "orders", orders),
        new("Payments", "invoice documents redrawn", invoices),
        new("Payments", "credit note documents redrawn", creditNotes),
        new("Payments", "Stripe event bodies", events),
    ];
}
