using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;

namespace Storefront.Core.Audit;

/// <summary>
/// Audit entries that name the buyer: a receipt resent to their address, a leaked copy traced to them ("Name &lt;address&gt;").
/// What was done and by whom stays; the buyer in it becomes the placeholder. The acting staff member is never touched.
/// </summary>
internal sealed class AuditEraser(StorefrontDbContext db) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        var entries = await db.Set<AuditEntry>()
            .Where(e => e.Target.ToLower().Contains(email) || (e.Details != null && e.Details.ToLower().Contains(email)))
            .ToListAsync(cancellationToken);
        if (replacement is not null)
        {
            foreach (var entry in entries)
            {
                entry.Target = PersonalText.ReplaceBuyer(entry.Target, email, replacement);
                entry.Details = entry.Details is null ? null : PersonalText.ReplaceBuyer(entry.Details, email, replacement);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return [new("Core", "audit entries", entries.Count)];
    }
}
