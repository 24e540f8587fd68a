using System.Globalization;
using System.Runtime.InteropServices;

namespace Storefront.Host.Hosting;

/// <summary>
/// Hands the kernel back the pages this process has read from its mapped files (assemblies, native libraries, ICU
/// data). They are clean copies of the files, counted in the shop's resident memory for as long as they stay mapped
/// even if nothing reads them again, and the kernel would only reclaim them under memory pressure. Kept by hand: no
/// library wraps <c>madvise</c>.
/// </summary>
internal static class FilePages
{
    /// <summary>Linux 5.4's MADV_PAGEOUT: reclaim these pages now; a page another process also maps is left alone.</summary>
    private const int PageOutAdvice = 21;

    private static bool s_supported = OperatingSystem.IsLinux();

    /// <summary>
    /// Pages out every read-only file mapping, or those of the files <paramref name="only"/> accepts; returns the number
    /// of mappings advised, or -1 where the system cannot (not Linux, or a kernel before 5.4). Only read-only mappings:
    /// a writable shared one (SQLite's shared-memory index) would be written back, and a writable private page is the
    /// process's own data, not the file's.
    /// </summary>
    public static int PageOut(Func<string, bool>? only = null)
    {
        if (!s_supported)
        {
            return -1;
        }
        var advised = 0;
        foreach (var mapping in ReadOnlyFileMappings())
        {
            if (only is not null && !only(mapping.Path))
            {
                continue;
            }
            if (Madvise(mapping.Start, mapping.Length, PageOutAdvice) != 0)
            {
                // EINVAL: the kernel has no MADV_PAGEOUT. Anything else is this mapping's own business (it went away).
                if (Marshal.GetLastPInvokeError() == 22)
                {
                    s_supported = false;
                    return -1;
                }
                continue;
            }
            advised++;
        }
        return advised;
    }

    private static IEnumerable<(nuint Start, nuint Length, string Path)> ReadOnlyFileMappings()
    {
        // "start-end perms offset dev inode path", e.g. "7f..-7f.. r--p 00000000 08:01 1234 /usr/share/dotnet/.../System.Private.CoreLib.dll"
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1].Contains('w') || !fields[5].StartsWith('/') || fields[5].StartsWith("/memfd:", StringComparison.Ordinal)
                || fields[5].StartsWith("/dev/", StringComparison.Ordinal) || fields[5].EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                continue;
            }
            var dash = fields[0].IndexOf('-');
            var start = nuint.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = nuint.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            yield return (start, end - start, fields[5]);
        }
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nuint address, nuint length, int advice);
}
