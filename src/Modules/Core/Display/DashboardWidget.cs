namespace Storefront.Core.Display;

/// <summary>
/// A panel a module adds to the admin's dashboard: a partial view (it injects what it needs) shown to users who
/// satisfy <see cref="Policy"/>, in <see cref="Order"/>. A <see cref="Fallback"/> panel appears only when no other
/// panel is visible to the user, so someone without access to the shop's figures still gets a useful home page.
/// </summary>
public sealed record DashboardWidget(string Name, string PartialName, string Policy, int Order = 0, bool Fallback = false);
