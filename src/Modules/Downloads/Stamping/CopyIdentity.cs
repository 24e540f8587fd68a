using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The strong entity tag of a buyer's copy, from everything that decides its bytes: the master (stored under the hash
/// of its bytes, so its key names its content), the footer line and fingerprint, the layout settings and fonts, and
/// the engine and qpdf versions. Stamping is deterministic (<see cref="DocumentId"/>, content-derived font subset tags,
/// no dates written), so equal inputs give equal bytes, and the tag is known before a byte is stamped: a HEAD or an
/// If-Range check never stamps.
/// </summary>
public static class CopyIdentity
{
    /// <summary>
    /// Raised whenever a change to the engine changes its output for the same inputs. "template": copies of Latin lines
    /// are written from a per-master copy template (<see cref="CopyTemplates"/>), which of the two paths a copy takes
    /// following from the line and master alone.
    /// </summary>
    public const string EngineVersion = "stamp-2-template";

    private static readonly Lazy<string> Qpdf = new(() => Marshal.PtrToStringAnsi(QpdfNative.qpdf_get_qpdf_version()) ?? "");

    // The runtime's zlib compresses the copy's xref stream and font subsets: an upgrade may change those bytes.
    private static readonly string Runtime = Environment.Version.ToString();

    // Fonts are read once per process (FontLibrary), so what the process stamps with is what it saw at start.
    private static readonly ConcurrentDictionary<string, string> Fonts = new();

    public static string ETagFor(string masterKey, StampRequest request, StampingOptions options)
    {
        var line = StampWording.LineFor(options, request);
        var fonts = Fonts.GetOrAdd(string.Join('\n', options.FontPaths), Describe);
        var identity = string.Join('\n', EngineVersion, Qpdf.Value, Runtime, fonts, masterKey, request.Fingerprint, line,
            options.MaxFontSize.ToString("R", CultureInfo.InvariantCulture));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 16)}\"";
    }

    /// <summary>A font package upgrade changes the embedded subsets; each file's size and time stand for its content.</summary>
    private static string Describe(string paths) => string.Join('|', paths.Split('\n').Select(path => File.Exists(path)
        ? $"{path}:{new FileInfo(path).Length}:{File.GetLastWriteTimeUtc(path).Ticks}" : path + ":-"));
}
