using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Core.Privacy;

/// <summary>
/// A buyer's request to be forgotten, across every module that answers <see cref="IPersonalDataEraser"/>: a preview of what
/// would be replaced, then the erasure itself in one transaction with its audit entry, so it happens everywhere or nowhere.
/// </summary>
public sealed class PersonalDataErasure(StorefrontDbContext db, IEnumerable<IPersonalDataEraser> erasers, AuditLog audit)
{
    public async Task<IReadOnlyList<PersonalDataCount>> PreviewAsync(string email, CancellationToken cancellationToken)
    {
        var found = new List<PersonalDataCount>();
        foreach (var eraser in erasers)
        {
            found.AddRange(await eraser.EraseAsync(Normalize(email), null, cancellationToken));
        }
        return found;
    }

    /// <summary>Replaces the buyer's data everywhere; the audit entry names no address, only what was replaced.</summary>
    public async Task<(ErasedBuyer Placeholder, IReadOnlyList<PersonalDataCount> Erased)> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var placeholder = ErasedBuyer.New();
        var erased = new List<PersonalDataCount>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var eraser in erasers)
        {
            erased.AddRange(await eraser.EraseAsync(Normalize(email), placeholder, cancellationToken));
        }
        var total = erased.Sum(c => c.Rows);
        // The address itself would be personal data kept in the log: the placeholder is what support can search for.
        audit.Record("privacy.erased", "buyer " + placeholder.Email, total == 0 ? "nothing held for that address"
            : string.Join(", ", erased.Where(c => c.Rows > 0).Select(c => $"{c.Module} {c.What}: {c.Rows}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (placeholder, erased);
    }

    /// <summary>Erasers compare lower-cased addresses, which SQLite and PostgreSQL both compute the same way for ASCII.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
