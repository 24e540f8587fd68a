using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Core.Security;

/// <summary>
/// Stores the Data Protection key ring in our database (the EF Core package for this does not
/// restore here). Cookies, antiforgery tokens and encrypted settings then survive restarts and
/// work across instances, so the app container stays stateless.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.CreatedAt).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        // Data Protection makes a new key when it cannot open the stored ones. Adding it would hide a wrong
        // DataProtection__KeyEncryptionKey behind a working shop that refuses every link and cookie issued before,
        // and would leave a key the right one cannot read; refusing keeps the fault visible (readiness names it).
        var stored = db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToList();
        var configured = scope.ServiceProvider.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value.KeyEncryptionKey;
        if (KeyRingCheck.WhyUnreadable(stored, configured) is { } reason)
        {
            throw new InvalidOperationException(KeyRingCheck.StoredRingMessage(reason) + " No new key was created.");
        }

        db.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        db.SaveChanges();
    }
}
