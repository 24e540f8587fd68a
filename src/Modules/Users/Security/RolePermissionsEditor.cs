using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Users.Models;

namespace Storefront.Users.Security;

/// <summary>What saving a role's permissions did: a message for the flash, and whether it was refused.</summary>
public sealed record RoleSaveResult(string Message, bool Refused = false);

/// <summary>
/// Saves the permissions an administrator chose for a role, as <c>permission</c> role claims, together
/// with its audit entry in one transaction. The Administrator role is never edited: it holds every
/// permission by rule, so no form, crafted or not, can lock the shop out.
/// </summary>
public sealed class RolePermissionsEditor(StorefrontDbContext db, PermissionCatalog catalog, RolePermissions current, AuditLog audit, TimeProvider clock)
{
    public async Task<RoleSaveResult> SaveAsync(string roleName, IReadOnlyCollection<string> chosen, string? stamp, CancellationToken cancellationToken)
    {
        var before = await current.FindAsync(roleName, cancellationToken);
        if (before is null)
        {
            return new("That role no longer exists.", Refused: true);
        }

        if (before.IsAdministrator)
        {
            return new("Administrators always hold every permission; their permissions cannot be changed.", Refused: true);
        }

        if (chosen.FirstOrDefault(p => !catalog.Exists(p)) is { } unknown)
        {
            return new($"There is no permission called \"{unknown}\". Nothing was saved.", Refused: true);
        }

        if (stamp != before.Stamp)
        {
            return Stale(before.Name);
        }

        var after = chosen.ToHashSet(StringComparer.Ordinal);
        var granted = after.Except(before.Permissions).Order(StringComparer.Ordinal).ToList();
        var revoked = before.Permissions.Except(after).Order(StringComparer.Ordinal).ToList();
        if (granted.Count == 0 && revoked.Count == 0 && before.Customised)
        {
            return new("Nothing changed.");
        }

        var role = await db.Set<StorefrontRole>().SingleAsync(r => r.Name == before.Name, cancellationToken);
        // Claims naming a permission no enabled module declares are kept: switching a module back on restores its grants.
        var known = catalog.All.Select(p => p.Name).ToList();
        var stale = await db.Set<IdentityRoleClaim<Guid>>()
            .Where(c => c.RoleId == role.Id && c.ClaimType == RolePermissions.ClaimType && known.Contains(c.ClaimValue!))
            .ToListAsync(cancellationToken);
        db.RemoveRange(stale);
        db.AddRange(after.Order(StringComparer.Ordinal).Select(p => new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = RolePermissions.ClaimType, ClaimValue = p }));
        role.PermissionsEditedAt = clock.GetUtcNow().UtcDateTime;
        // The stamp is the role's concurrency token, checked against the one the form was drawn with:
        // of two administrators saving at once, the second is refused rather than silently undoing the first.
        db.Entry(role).Property(r => r.ConcurrencyStamp).OriginalValue = stamp;
        role.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var change = Describe(granted, revoked);
        audit.Record("role.permissions.changed", "role " + role.Name, change);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(before.Name);
        }
        finally
        {
            current.Reset();
        }

        return new($"Saved the permissions of {role.Name}: {change}.");
    }

    private static RoleSaveResult Stale(string role) =>
        new($"Someone else changed the permissions of {role} while you were choosing. Review them and save again.", Refused: true);

    private static string Describe(List<string> granted, List<string> revoked)
    {
        var parts = new List<string>();
        if (granted.Count > 0)
        {
            parts.Add("granted " + string.Join(", ", granted));
        }

        if (revoked.Count > 0)
        {
            parts.Add("revoked " + string.Join(", ", revoked));
        }

        return parts.Count == 0 ? "the defaults are kept" : string.Join("; ", parts);
    }
}
