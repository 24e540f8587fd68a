using Storefront.Core.Display;

namespace Storefront.Themes.Admin;

/// <summary>
/// The admin menu as the layout shows it: the dashboard link once, whichever module offers it, and exactly
/// one entry marked current, the longest menu address the request path lies under.
/// </summary>
public sealed class AdminNavigation
{
    public const string Root = "/admin";

    private AdminNavigation(IReadOnlyList<AdminMenuItem> items, AdminMenuItem? current) => (Items, Current) = (items, current);

    public IReadOnlyList<AdminMenuItem> Items { get; }

    public AdminMenuItem? Current { get; }

    /// <summary>
    /// <paramref name="allowed"/> are the items the user may see, in menu order. Without an entry for the admin root
    /// (the dashboard belongs to a module that may be off or forbidden) a plain "Home" link leads the menu.
    /// </summary>
    public static AdminNavigation For(IEnumerable<AdminMenuItem> allowed, string path)
    {
        var items = allowed.ToList();
        if (!items.Any(i => IsRoot(i.Url)))
        {
            items.Insert(0, new AdminMenuItem("Home", Root, Policy: ""));
        }

        var current = items.Where(i => Covers(i.Url, path)).MaxBy(i => i.Url.TrimEnd('/').Length);
        return new AdminNavigation(items, current);
    }

    private static bool IsRoot(string url) => url.TrimEnd('/').Equals(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whole path segments only: /admin/pages must not claim /admin/pagesettings.</summary>
    private static bool Covers(string url, string path)
    {
        var prefix = url.TrimEnd('/');
        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == prefix.Length || path[prefix.Length] == '/');
    }
}
