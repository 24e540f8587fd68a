using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

/// <summary>
/// Failed passwords, authenticator codes and recovery codes per (typed address, client address), in the database so
/// every instance refuses alike. Counting is one upsert and locking one conditional update, so concurrent failures
/// are all counted; rows past their window and lockout are swept on each failure so the table stays small.
/// </summary>
public sealed class SignInLockout(StorefrontDbContext db, TimeProvider time, IOptions<AccountLockoutOptions> options)
{
    public Task<bool> IsLockedAsync(string normalizedEmail, string client, CancellationToken cancellationToken)
    {
        var now = Now();
        return db.Set<SignInFailure>().AnyAsync(
            f => f.NormalizedEmail == normalizedEmail && f.Client == client && f.LockedUntil > now, cancellationToken);
    }

    /// <summary>Counts one failure; true when this client is now refused for this address.</summary>
    public async Task<bool> RecordFailureAsync(string normalizedEmail, string client, CancellationToken cancellationToken)
    {
        var now = Now();
        var windowEnds = now + AccountLockoutOptions.Period;
        var lockedUntil = now + AccountLockoutOptions.Period;
        var limit = options.Value.LockoutAttemptsPerAddress;
        await db.Set<SignInFailure>()
            .Where(f => f.WindowEndsAt <= now && (f.LockedUntil == null || f.LockedUntil <= now))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sign_in_failures (normalized_email, client, failures, window_ends_at)
            VALUES ({normalizedEmail}, {client}, 1, {windowEnds})
            ON CONFLICT (normalized_email, client) DO UPDATE SET
                failures = CASE WHEN sign_in_failures.window_ends_at <= {now} THEN 1 ELSE sign_in_failures.failures + 1 END,
                window_ends_at = CASE WHEN sign_in_failures.window_ends_at <= {now} THEN {windowEnds} ELSE sign_in_failures.window_ends_at END
            """, cancellationToken);
        // Only a lock that is not already running is set, so refusals never extend it.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE sign_in_failures SET locked_until = {lockedUntil}
            WHERE normalized_email = {normalizedEmail} AND client = {client} AND failures >= {limit}
              AND (locked_until IS NULL OR locked_until <= {now})
            """, cancellationToken);
        return await IsLockedAsync(normalizedEmail, client, cancellationToken);
    }

    /// <summary>A full sign-in from this client forgives its earlier failures.</summary>
    public Task ClearAsync(string normalizedEmail, string client, CancellationToken cancellationToken) =>
        db.Set<SignInFailure>().Where(f => f.NormalizedEmail == normalizedEmail && f.Client == client).ExecuteDeleteAsync(cancellationToken);

    /// <summary>A password reset proves control of the mailbox, so every client's count for the account goes.</summary>
    public Task ClearAllAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Set<SignInFailure>().Where(f => f.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(cancellationToken);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
