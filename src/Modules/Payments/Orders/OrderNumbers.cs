using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>
/// Short, increasing order numbers from one atomic UPDATE … RETURNING, safe across instances on
/// both databases (SQLite 3.35+ and PostgreSQL support RETURNING).
/// </summary>
public sealed class OrderNumbers(StorefrontDbContext db)
{
    public async Task<long> NextAsync(CancellationToken cancellationToken)
    {
        var values = await db.Database
            .SqlQueryRaw<long>("UPDATE counters SET value = value + 1 WHERE name = 'order-number' RETURNING value AS \"Value\"")
            .ToListAsync(cancellationToken);
        return values.Single();
    }
}
