using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Core.Themes;

/// <summary>The installed storefront themes, and which one a stored theme name stands for.</summary>
public sealed class ThemeCatalog
{
    /// <summary>The theme a new shop starts with, and the one an unknown name falls back to.</summary>
    public const string DefaultThemeName = "Storefront";

    private readonly ILogger<ThemeCatalog> logger;

    // Warn once per unknown name: a removed theme would otherwise log on every page view.
    private readonly ConcurrentDictionary<string, bool> warned = new(StringComparer.OrdinalIgnoreCase);

    public ThemeCatalog(IEnumerable<ThemeDescriptor> themes, ILogger<ThemeCatalog> logger)
    {
        this.logger = logger;
        var all = themes.ToList();
        var duplicate = all.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two installed themes are both called '{duplicate.Key}'.");
        }

        Default = all.FirstOrDefault(t => t.Name == DefaultThemeName) ?? all.FirstOrDefault();
        Installed = [.. all.OrderBy(t => t != Default).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The default theme first, then the others by name.</summary>
    public IReadOnlyList<ThemeDescriptor> Installed { get; }

    /// <summary>Null only when no storefront theme is installed at all.</summary>
    public ThemeDescriptor? Default { get; }

    public ThemeDescriptor? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Installed.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The theme a stored name stands for; an unknown one (a theme since removed) falls back to the default.</summary>
    public ThemeDescriptor? Resolve(string? name)
    {
        if (Find(name) is { } theme)
        {
            return theme;
        }

        if (!string.IsNullOrWhiteSpace(name) && warned.TryAdd(name, true))
        {
            logger.LogWarning("The active theme '{Theme}' is not installed; the storefront uses '{Default}' instead. Choose an installed theme in the admin settings.",
                name, Default?.Name);
        }

        return Default;
    }
}
