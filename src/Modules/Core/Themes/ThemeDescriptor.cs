namespace Storefront.Core.Themes;

/// <summary>
/// A storefront theme, as it declares itself: the name the active-theme setting holds, a description for the
/// settings screen, and the folder its views live in. A theme registers one as a singleton in its startup, so
/// switching the theme's module off (<c>Modules__{Name}__Enabled=false</c>) uninstalls the theme too.
/// </summary>
/// <param name="ViewsPath">
/// The compiled-view folder searched before the shared ones (for example <c>/Pages/Journal</c>), so the theme's
/// <c>_Layout</c> (and any partial it chooses to restyle) wins while it is active. Null for the base theme, whose
/// views are the shared <c>/Pages/Shared</c> ones every other theme falls back to.
/// </param>
public sealed record ThemeDescriptor(string Name, string Description, string? ViewsPath = null);
