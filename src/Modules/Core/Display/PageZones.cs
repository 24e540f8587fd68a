namespace Storefront.Core.Display;

/// <summary>
/// A partial view a module places into a named zone of another module's page (Orchard's shapes,
/// in miniature): the Payments module puts its Buy button into the product page's "ProductActions"
/// zone without the Catalog module knowing Payments exists.
/// </summary>
public sealed record ZoneItem(string Zone, string PartialName, int Order = 0);

public sealed class PageZones(IEnumerable<ZoneItem> items)
{
    private readonly ILookup<string, ZoneItem> byZone = items.OrderBy(i => i.Order).ToLookup(i => i.Zone);

    public IEnumerable<ZoneItem> For(string zone) => byZone[zone];
}
