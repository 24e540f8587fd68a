using System.Text.Json;
using Storefront.Core.Privacy;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// The <c>products</c> step's <c>stampShows</c>: <c>nameAndCode</c>, <c>nameAndEmail</c> or <c>codeOnly</c>; absent follows
/// the shop's <c>Downloads__Stamping__Privacy</c>.
/// </summary>
internal static class StampShowsField
{
    public const string Name = "stampShows";

    public static StampPrivacy? Read(RecipeStepContext step, JsonElement element, string at)
    {
        var text = step.OptionalString(element, Name, at + "." + Name);
        if (text is null)
        {
            return null;
        }
        var known = Enum.GetValues<StampPrivacy>().FirstOrDefault(v => Write(v) == text);
        if (Write(known) != text)
        {
            step.Error(at + "." + Name, $"'{text}' must be one of {string.Join(", ", Enum.GetValues<StampPrivacy>().Select(v => "'" + Write(v) + "'"))}");
            return null;
        }
        return known;
    }

    /// <summary>The recipe's spelling: the option's name in camel case.</summary>
    public static string Write(StampPrivacy value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
