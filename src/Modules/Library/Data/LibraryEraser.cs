using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;

namespace Storefront.Library.Data;

/// <summary>
/// Sign-in links asked for by the buyer's address. The placeholder address buys nothing, so after an erasure nobody can
/// sign in to that library again; the request counters hold only hashes and lapse with their window.
/// </summary>
internal sealed class LibraryEraser(StorefrontDbContext db) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        var links = db.Set<SignInLink>().Where(l => l.Email.ToLower() == email);
        var count = replacement is null ? await links.CountAsync(cancellationToken)
            : await links.ExecuteUpdateAsync(s => s.SetProperty(l => l.Email, replacement.Email), cancellationToken);
        return [new("Library", "sign-in links", count)];
    }
}
