using Microsoft.AspNetCore.Identity;

namespace Storefront.Users.Models;

/// <summary>An admin user (editor or administrator). Buyers have no accounts: their purchase is their key.</summary>
public sealed class StorefrontUser : IdentityUser<Guid>
{
    public StorefrontUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public required DateTime CreatedAt { get; set; }
}

public sealed class StorefrontRole : IdentityRole<Guid>
{
    public StorefrontRole() => Id = Guid.CreateVersion7();

    public StorefrontRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }

    /// <summary>
    /// When an administrator last saved this role's permissions (its <c>permission</c> role claims);
    /// null while the modules' default grants still apply.
    /// </summary>
    public DateTime? PermissionsEditedAt { get; set; }
}
