using System.Globalization;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Settings;

/// <summary>The download policy for products that set no limits of their own.</summary>
internal sealed class DownloadSettingsSection : ISettingsSection
{
    public string Title => "Default download policy";

    public int Order => 30;

    public string? Hint => "Used for products that set no limits of their own. Empty fields fall back to the server's appsettings; "
        + "Downloads__DefaultUses and Downloads__DefaultExpiryHours in the environment win over both.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("DefaultDownloadUses", "Downloads per purchase", SettingKeys.DefaultDownloadUses, SettingInput.Number)
        {
            ChangeName = "downloads per purchase", Min = 1, Max = 1000,
            Problem = v => Between(v, 1, 1000) ? null : "Downloads per purchase must be between 1 and 1000.",
        },
        new("DefaultDownloadExpiryHours", "Links stay valid for (hours)", SettingKeys.DefaultDownloadExpiryHours, SettingInput.Number)
        {
            ChangeName = "link lifetime", Min = 1, Max = 87600,
            Problem = v => Between(v, 1, 87600) ? null : "Link lifetime must be between 1 and 87600 hours.",
        },
        StampPrivacyField.Field,
    ];

    private static bool Between(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max;
}
