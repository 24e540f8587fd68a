using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;

namespace Storefront.Licensing.Data;

/// <summary>Issued keys keep working (the buyer paid for them) but no longer name the holder's address.</summary>
internal sealed class LicensingEraser(StorefrontDbContext db) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        var keys = db.Set<LicenseKey>().Where(k => k.BuyerEmail.ToLower() == email);
        var count = replacement is null ? await keys.CountAsync(cancellationToken)
            : await keys.ExecuteUpdateAsync(s => s.SetProperty(k => k.BuyerEmail, replacement.Email), cancellationToken);
        return [new("Licensing", "licence keys", count)];
    }
}
