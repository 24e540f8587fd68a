using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Library.Data;

namespace Storefront.Library.SignIn;

/// <summary>One limit: what is counted, and how many per window.</summary>
public sealed record RequestLimit(string Scope, string Subject, int PermitLimit);

/// <summary>
/// Fixed-window counters in the database, so every instance counts the same requests. Counting is one upsert per
/// limit, so concurrent requests are all counted; rows past their window are swept as new ones arrive. Emails are
/// counted by their hash: the table never holds an address someone merely typed.
/// </summary>
public sealed class RequestLimits(StorefrontDbContext db, TimeProvider time, IOptionsMonitor<LibraryOptions> options)
{
    /// <summary>
    /// Counts the request against each limit in turn and stops at the first one already reached (which is then not
    /// counted further). Returns the seconds to wait, or 0 when every limit let it through.
    /// </summary>
    public async Task<int> CountAsync(IReadOnlyList<RequestLimit> limits, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var windowEnds = now + options.CurrentValue.LimitWindow;
        await db.Set<LibraryRequestCount>().Where(c => c.WindowEndsAt <= now).ExecuteDeleteAsync(cancellationToken);
        foreach (var limit in limits)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO library_request_counts (scope, subject, hits, window_ends_at)
                VALUES ({limit.Scope}, {limit.Subject}, 1, {windowEnds})
                ON CONFLICT (scope, subject) DO UPDATE SET
                    hits = CASE WHEN library_request_counts.window_ends_at <= {now} THEN 1 ELSE library_request_counts.hits + 1 END,
                    window_ends_at = CASE WHEN library_request_counts.window_ends_at <= {now} THEN {windowEnds} ELSE library_request_counts.window_ends_at END
                """, cancellationToken);
            var counted = await db.Set<LibraryRequestCount>().AsNoTracking()
                .SingleAsync(c => c.Scope == limit.Scope && c.Subject == limit.Subject, cancellationToken);
            if (counted.Hits > limit.PermitLimit)
            {
                return Math.Max(1, (int)Math.Ceiling((counted.WindowEndsAt - now).TotalSeconds));
            }
        }

        return 0;
    }

    /// <summary>
    /// Claims a one-off key for the window (a form's nonce): true for the first caller only. Inside a transaction a
    /// concurrent claim of the same key waits for it and then finds it taken, so a double submit is decided here.
    /// </summary>
    public async Task<bool> ClaimAsync(string scope, string subject, CancellationToken cancellationToken)
    {
        var windowEnds = time.GetUtcNow().UtcDateTime + options.CurrentValue.LimitWindow;
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO library_request_counts (scope, subject, hits, window_ends_at) VALUES ({scope}, {subject}, 1, {windowEnds})
            ON CONFLICT (scope, subject) DO NOTHING
            """, cancellationToken) == 1;
    }

    public static string EmailKey(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BuyerEmail.Normalize(email))));
}

/// <summary>How the library compares emails: as the buyer typed them, without surrounding spaces or case.</summary>
public static class BuyerEmail
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
