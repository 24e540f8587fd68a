using Storefront.Core.Content;
using Storefront.Core.Mail;
using Storefront.Core.Themes;

namespace Storefront.Core.Settings;

/// <summary>The shop's name, support address and theme.</summary>
internal sealed class SiteSettingsSection(ThemeCatalog themes) : ISettingsSection
{
    public string Title => "Shop";

    public int Order => 10;

    public string? Hint => null;

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("SiteName", "Site name", SettingKeys.SiteName)
        {
            ChangeName = "site name", Default = SiteSettings.DefaultSiteName, Required = "Enter the shop's name.",
            Problem = SiteNameProblem,
        },
        new("SupportEmail", "Support email", SettingKeys.SupportEmail, SettingInput.Email)
        {
            ChangeName = "support email",
            // The rule every message is built by: an address taken here but refused there would stop every receipt.
            Problem = v => EmailAddressSyntax.TryParse(v, out var a) && a.Address == v ? null : "Enter a support address such as help@example.com.",
        },
        new("Theme", "Theme", SettingKeys.Theme, SettingInput.Choice)
        {
            ChangeName = "theme", Default = ThemeCatalog.DefaultThemeName, Required = "Choose one of the installed themes.",
            Problem = v => themes.Find(v) is null ? "Choose one of the installed themes." : null,
            Normalise = v => themes.Find(v)?.Name ?? v,
            Choices = [.. themes.Installed.Select(t => new SettingChoice(t.Name, t.Description))],
        },
    ];

    /// <summary>Shared with the recipe step. The name is one line in every page title, feed, email and invoice.</summary>
    public static string? SiteNameProblem(string value) => OneLine.Problem("site name", value, 100);
}

/// <summary>The seller named on receipts and invoices; an invoice keeps them as they were when it was issued.</summary>
internal sealed class SellerSettingsSection : ISettingsSection
{
    public string Title => "Seller details on receipts and invoices";

    public int Order => 20;

    public string? Hint => null;

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("SellerName", "Seller name", SettingKeys.SellerName)
        {
            ChangeName = "seller name", Problem = SellerNameProblem,
        },
        new("SellerAddress", "Seller address (one line per line)", SettingKeys.SellerAddress, SettingInput.Lines)
        {
            ChangeName = "seller address",
            Problem = v => v.Length > 1000 ? "The address can be at most 1000 characters." : null,
            Normalise = v => string.Join('\n', v.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        },
        new("SellerVatId", "Seller VAT id", SettingKeys.SellerVatId)
        {
            ChangeName = "seller VAT id", Problem = SellerVatIdProblem,
        },
    ];

    /// <summary>Shared with the recipe step, as the site name's rule is.</summary>
    public static string? SellerNameProblem(string value) => OneLine.Problem("seller name", value, 200);

    /// <summary>Shared with the recipe step: a VAT id is one short line of letters, digits and separators.</summary>
    public static string? SellerVatIdProblem(string value) =>
        value.Length > 50 || !value.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '.' or '/')
            ? "The VAT id can be at most 50 letters, digits, spaces, dots, dashes or slashes." : null;
}
