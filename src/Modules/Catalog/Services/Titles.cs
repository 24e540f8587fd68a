using Storefront.Core.Content;

namespace Storefront.Catalog.Services;

/// <summary>
/// A product's or page's title holds no control characters, from the editors or a recipe alike: no page shows them, a
/// feed cannot hold them, and a title pasted from another program can carry them unseen.
/// </summary>
public static class Titles
{
    public static readonly string ControlCharacterProblem = OneLine.ControlCharacterProblem("title");

    public static bool HoldControlCharacters(string title) => OneLine.HoldsControlCharacters(title);
}
