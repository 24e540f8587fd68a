using System.Globalization;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Sharing;

/// <summary>The thresholds of shared-link detection, beside the download policy.</summary>
internal sealed class SharingSettingsSection : ISettingsSection
{
    private const string WindowKey = "Downloads:Sharing:WindowHours";
    private const string FlagKey = "Downloads:Sharing:FlagNetworks";
    private const string SuspendKey = "Downloads:Sharing:SuspendNetworks";

    public string Title => "Shared links";

    public int Order => 31;

    public string? Hint => "A purchase whose copies go to this many networks (IPv4 /24, IPv6 /48) within the window is flagged and support is emailed once; "
        + "downloads go on unless the second threshold is set and passed, or an administrator suspends them. "
        + "Downloads__Sharing__WindowHours, __FlagNetworks and __SuspendNetworks in the environment win.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("SharingWindowHours", "Window (hours)", WindowKey, SettingInput.Number)
        {
            ChangeName = "sharing window", Min = 1, Max = 8760, Default = "24",
            Problem = v => Number(v) is >= 1 and <= 8760 ? null : "The sharing window must be between 1 and 8760 hours.",
        },
        new("SharingFlagNetworks", "Networks that flag a purchase (0 = off)", FlagKey, SettingInput.Number)
        {
            ChangeName = "networks that flag a purchase", Min = 0, Max = 1000, Default = "4",
            Problem = v => Number(v) is 0 or (>= 2 and <= 1000) ? null : "Networks that flag a purchase must be 0 (off) or between 2 and 1000.",
        },
        new("SharingSuspendNetworks", "Networks that suspend it (0 = never)", SuspendKey, SettingInput.Number)
        {
            ChangeName = "networks that suspend a purchase", Min = 0, Max = 1000, Default = "0",
            Problem = v => Number(v) is >= 0 and <= 1000 ? null : "Networks that suspend a purchase must be between 0 (never) and 1000.",
        },
    ];

    public IEnumerable<(string Field, string Message)> Validate(IReadOnlyDictionary<string, string?> candidate)
    {
        var problem = SharingOptions.Problem(Number(candidate.GetValueOrDefault(WindowKey)) ?? 24, Number(candidate.GetValueOrDefault(FlagKey)) ?? 4,
            Number(candidate.GetValueOrDefault(SuspendKey)) ?? 0);
        return problem is null ? [] : [("SharingSuspendNetworks", problem)];
    }

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
