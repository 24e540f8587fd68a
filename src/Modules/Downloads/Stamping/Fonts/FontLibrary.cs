using System.Collections.Concurrent;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// The TrueType fonts a stamp may fall back on, in order of preference. Files are read once per process
/// and shared read-only between concurrent stamps; a missing file is skipped, not an error.
/// </summary>
internal sealed class FontLibrary(IReadOnlyList<string> paths)
{
    private static readonly ConcurrentDictionary<string, Lazy<TrueTypeFont?>> Loaded = new();

    public IEnumerable<TrueTypeFont> Fonts =>
        paths.Select(path => Loaded.GetOrAdd(path, p => new Lazy<TrueTypeFont?>(() => Load(p))).Value)
             .OfType<TrueTypeFont>();

    private static TrueTypeFont? Load(string path)
    {
        try
        {
            return File.Exists(path) ? new TrueTypeFont(Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
