using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Users.Models;

namespace Storefront.Users.Security;

/// <summary>A role and what it may do now.</summary>
/// <param name="Customised">False while the modules' default grants apply, true once an administrator saved them.</param>
/// <param name="Stamp">The role's concurrency stamp when read: a save from a form older than the last change is refused.</param>
public sealed record RoleGrant(string Name, bool IsAdministrator, bool Customised, IReadOnlySet<string> Permissions, string Stamp);

/// <summary>
/// Reads every role's current permissions from the database, once per request. Nothing is cached
/// beyond the request: the shop runs as several instances over one database, and a grant or a
/// revocation saved on one of them must hold on the next request to any of them.
/// </summary>
public sealed class RolePermissions(StorefrontDbContext db, PermissionCatalog catalog)
{
    /// <summary>The claim type of a granted permission in <c>role_claims</c>, the value being the permission's name.</summary>
    public const string ClaimType = "permission";

    private IReadOnlyList<RoleGrant>? roles;

    public async Task<IReadOnlyList<RoleGrant>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (roles is not null)
        {
            return roles;
        }

        var stored = await db.Set<StorefrontRole>().AsNoTracking().ToListAsync(cancellationToken);
        var claims = await db.Set<IdentityRoleClaim<Guid>>().AsNoTracking().Where(c => c.ClaimType == ClaimType)
            .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(cancellationToken);
        var everything = catalog.All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        roles = stored
            .OrderBy(r => r.Name == AdminRoles.Administrator ? 0 : 1).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(role =>
            {
                var name = role.Name ?? "";
                var administrator = name == AdminRoles.Administrator;
                var granted = administrator ? everything
                    : role.PermissionsEditedAt is null ? catalog.DefaultsFor(name)
                    // A permission whose module is switched off has no policy to satisfy; it is not shown either.
                    : claims.Where(c => c.RoleId == role.Id && c.ClaimValue is not null && catalog.Exists(c.ClaimValue))
                        .Select(c => c.ClaimValue!).ToHashSet(StringComparer.Ordinal);
                return new RoleGrant(name, administrator, role.PermissionsEditedAt is not null, granted, role.ConcurrencyStamp ?? "");
            })
            .ToList();
        return roles;
    }

    public async Task<RoleGrant?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Forgets what this request read, after a change made in it.</summary>
    internal void Reset() => roles = null;
}
