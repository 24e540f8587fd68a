using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>
/// Short, increasing order numbers from one atomic UPDATE … RETURNING, safe across instances on
/// both databases (SQLite 3.35+ and PostgreSQL support RETURNING).
/// </summary>
public sealed class OrderNumbers(StorefrontDbContext db)
{
    public Task<long> NextAsync(CancellationToken cancellationToken) => Counters.NextAsync(db, "order-number", cancellationToken);
}

/// <summary>Named counters in one table; the row lock taken by the UPDATE serialises every caller until its transaction ends.</summary>
internal static class Counters
{
    public static async Task<long> NextAsync(StorefrontDbContext db, string name, CancellationToken cancellationToken)
    {
        var values = await db.Database
            .SqlQuery<long>($"UPDATE counters SET value = value + 1 WHERE name = {name} RETURNING value AS \"Value\"")
            .ToListAsync(cancellationToken);
        return values.Single();
    }
}
