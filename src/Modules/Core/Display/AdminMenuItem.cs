namespace Storefront.Core.Display;

/// <summary>
/// A link in the admin's navigation, registered as a singleton by the module that owns the screen.
/// The admin layout shows it only to users who satisfy <see cref="Policy"/>.
/// </summary>
public sealed record AdminMenuItem(string Title, string Url, string Policy, int Order = 0);
