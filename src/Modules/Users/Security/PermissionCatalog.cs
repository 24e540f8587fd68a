using System.Reflection;
using System.Text.RegularExpressions;
using Storefront.Core.Modules;
using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>The permissions of one module, as the roles screen shows them together.</summary>
public sealed record PermissionGroup(string Module, IReadOnlyList<Permission> Permissions);

/// <summary>
/// Every permission the enabled modules declare, grouped by module, and the grants their code gives each
/// built-in role by default. Built once: modules are fixed for the life of the process.
/// </summary>
public sealed partial class PermissionCatalog
{
    private readonly Dictionary<string, Permission> byName;
    private readonly ILookup<string, string> defaults;

    public PermissionCatalog(IEnumerable<IPermissionProvider> providers)
    {
        var declared = providers.SelectMany(provider => provider.Permissions.Select(p => p with { Module = p.Module ?? ModuleOf(provider) }))
            .DistinctBy(p => p.Name, StringComparer.Ordinal).ToList();
        byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Groups = declared.GroupBy(p => p.Module!).Select(g => new PermissionGroup(g.Key, g.ToList())).ToList();
        defaults = providers.SelectMany(p => p.DefaultGrants).ToLookup(g => g.Role, g => g.Permission.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Permission> All => byName.Values;

    public IReadOnlyList<PermissionGroup> Groups { get; }

    public bool Exists(string name) => byName.ContainsKey(name);

    /// <summary>What the modules' code grants <paramref name="role"/> until an administrator saves its permissions.</summary>
    public IReadOnlySet<string> DefaultsFor(string role) => defaults[role].ToHashSet(StringComparer.Ordinal);

    /// <summary>"ViewOrders" → "View orders", for labels.</summary>
    public static string DisplayName(string permission) =>
        WordBoundary().Replace(permission, match => " " + match.Value.ToLowerInvariant());

    private static string ModuleOf(IPermissionProvider provider) =>
        provider.GetType().Assembly.GetCustomAttribute<ModuleAttribute>()?.Name ?? provider.GetType().Assembly.GetName().Name ?? "";

    [GeneratedRegex("(?<=[a-z])[A-Z]")]
    private static partial Regex WordBoundary();
}
