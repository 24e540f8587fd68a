namespace Storefront.Core.Content;

/// <summary>
/// The public address of a stored media key, and the ways Markdown may spell it. Keys keep the uploaded
/// file's name, spaces and accents included: the address escapes each segment, so it works as a Markdown
/// link and in any browser, while content written with the raw name still counts as using the image.
/// </summary>
public static class MediaUrl
{
    public static string For(string key) => "/media/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The address as this shop writes it, and as it may have been typed by hand.</summary>
    public static (string Escaped, string Raw) Spellings(string key) => (For(key), "/media/" + key);

    /// <summary>Points links to <paramref name="oldKey"/> at <paramref name="newKey"/>, each in the spelling it was written in.</summary>
    public static string Repoint(string markdown, string oldKey, string newKey)
    {
        var (oldEscaped, oldRaw) = Spellings(oldKey);
        var (newEscaped, newRaw) = Spellings(newKey);
        return markdown.Replace(oldEscaped, newEscaped, StringComparison.Ordinal).Replace(oldRaw, newRaw, StringComparison.Ordinal);
    }
}
