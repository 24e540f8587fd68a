namespace Storefront.Catalog.External;

/// <summary>
/// One visit of <c>/go/{slug}</c> on its way to an external shop. No client address is kept: the count per day is
/// what the shop needs, and a click log of addresses would be personal data with no use here.
/// </summary>
public sealed class ProductClick
{
    public const int MaxReferrerLength = 500;

    public const int MaxUserAgentLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProductId { get; set; }

    public required DateTime At { get; set; }

    /// <summary>The linking page without its query or fragment, which may carry someone's tokens.</summary>
    public string? Referrer { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>A coarse guess from the user agent, so the admin can tell people from crawlers and link previews.</summary>
    public bool IsBot { get; set; }
}
