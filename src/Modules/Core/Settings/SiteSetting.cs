namespace Storefront.Core.Settings;

/// <summary>One setting typed into the admin or imported by a recipe, under its configuration key, stored as text.</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    /// <summary>The value is encrypted with Data Protection (a secret); it is never exported or shown.</summary>
    public bool Protected { get; set; }
}
