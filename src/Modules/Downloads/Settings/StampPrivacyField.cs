using Storefront.Core.Privacy;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Settings;

/// <summary>The shop's default of what the visible stamp shows (<c>Downloads__Stamping__Privacy</c>); a product may choose its own.</summary>
internal static class StampPrivacyField
{
    private static readonly SettingChoice[] Choices =
    [
        new(nameof(StampPrivacy.NameAndCode), "The buyer's name and the licence code (the default): no email address on the page."),
        new(nameof(StampPrivacy.NameAndEmail), "The buyer's name and email address, with the licence code."),
        new(nameof(StampPrivacy.CodeOnly), "The licence code only; the invisible fingerprint still names the order."),
    ];

    public static SettingField Field { get; } = new("StampPrivacy", "Stamp shows", "Downloads:Stamping:Privacy", SettingInput.Choice)
    {
        ChangeName = "stamp privacy", Default = nameof(StampPrivacy.NameAndCode), Choices = Choices,
        Problem = v => Choices.Any(c => c.Value == v) ? null : "Choose NameAndCode, NameAndEmail or CodeOnly.",
    };
}
