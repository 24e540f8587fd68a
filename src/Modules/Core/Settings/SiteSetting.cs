namespace Storefront.Core.Settings;

/// <summary>One named site setting (site name, support address …), stored as text.</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
