namespace Storefront.Downloads.Entitlements;

/// <summary><c>Downloads__DefaultUses</c> and <c>Downloads__DefaultExpiryHours</c>: the policy when a product sets none.</summary>
public sealed class DownloadsOptions
{
    public int DefaultUses { get; set; } = 3;

    public int DefaultExpiryHours { get; set; } = 24;
}
