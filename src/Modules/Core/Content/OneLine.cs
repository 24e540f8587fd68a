namespace Storefront.Core.Content;

/// <summary>
/// Text shown on one line (titles, the shop's and the seller's names): within its length and without control
/// characters, which a paste from another program can carry unseen and no page title, feed or invoice can show.
/// </summary>
public static class OneLine
{
    public static bool HoldsControlCharacters(string value) => value.Any(char.IsControl);

    public static string ControlCharacterProblem(string noun) =>
        $"The {noun} holds an invisible control character (a tab, a line break or one pasted from another program); remove it.";

    /// <summary>Why <paramref name="value"/> cannot be the <paramref name="noun"/>, or null.</summary>
    public static string? Problem(string noun, string value, int maxLength) =>
        value.Length > maxLength ? $"The {noun} can be at most {maxLength} characters."
        : HoldsControlCharacters(value) ? ControlCharacterProblem(noun)
        : null;
}
