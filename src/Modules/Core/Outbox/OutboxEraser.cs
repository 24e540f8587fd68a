using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;

namespace Storefront.Core.Outbox;

/// <summary>
/// Queued and sent messages that name the buyer's address (sign-in and link emails carry it in their payload). Their
/// address becomes the placeholder, and one still waiting is given up: it would go to nobody, and retries would only fail.
/// </summary>
internal sealed class OutboxEraser(StorefrontDbContext db, TimeProvider clock) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        // A payload is JSON: '+' and non-ASCII letters of an address are escaped in it.
        var escaped = JsonSerializer.Serialize(email)[1..^1].ToLowerInvariant();
        var messages = await db.Set<OutboxMessage>()
            .Where(m => m.Payload.ToLower().Contains(email) || m.Payload.ToLower().Contains(escaped) || m.DeduplicationKey.ToLower().Contains(email))
            .ToListAsync(cancellationToken);
        if (replacement is not null)
        {
            foreach (var message in messages)
            {
                message.Payload = PersonalText.Replace(PersonalText.Replace(message.Payload, email, replacement.Email), escaped, replacement.Email);
                message.DeduplicationKey = PersonalText.Replace(message.DeduplicationKey, email, replacement.Email);
                message.LastError = message.LastError is null ? null : PersonalText.Replace(message.LastError, email, replacement.Email);
                if (message.ProcessedAt is null && message.FailedAt is null)
                {
                    message.FailedAt = clock.GetUtcNow().UtcDateTime;
                    message.LastError = "Not sent: the recipient's personal data was erased.";
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return [new("Core", "outbox messages", messages.Count)];
    }
}
