namespace Storefront.Core.Display;

/// <summary>
/// An entry in the admin navigation, contributed by the module that owns the screen. The admin
/// theme shows the entries whose permission the signed-in user holds, ordered by <see cref="Order"/>.
/// </summary>
public sealed record AdminMenuItem(string Title, string Path, string Permission, int Order = 0);
