namespace Storefront.Catalog.Services;

/// <summary>
/// A product's or page's title holds no control characters, from the editors or a recipe alike: no page shows them, a
/// feed cannot hold them, and a title pasted from another program can carry them unseen.
/// </summary>
public static class Titles
{
    public const string ControlCharacterProblem =
        "The title holds an invisible control character (a tab, a line break or one pasted from another program); remove it.";

    public static bool HoldControlCharacters(string title) => title.Any(char.IsControl);
}
