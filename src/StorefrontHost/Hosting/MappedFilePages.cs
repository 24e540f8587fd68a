using System.Globalization;
using System.Runtime.InteropServices;

namespace Storefront.Host.Hosting;

/// <summary>
/// Unmaps the clean file pages a burst of work touched in the process's read-only file mappings (assemblies, ICU, OpenSSL,
/// SQLite): the kernel keeps them in its page cache, so the next touch maps them back from memory (a minor fault, no disk
/// read), and the process's resident memory counts only what it uses again. This is what the kernel itself does to a
/// process's clean pages under memory pressure; <c>MADV_PAGEOUT</c> would also evict them from the page cache, which
/// made the next start read them from disk again. Kept by hand: no library gives a process its own <c>madvise</c>.
/// </summary>
internal static class MappedFilePages
{
    private const int MadvDontneed = 4;

    private static bool s_supported = OperatingSystem.IsLinux();

    /// <summary>Unmaps what can safely be unmapped; returns the kilobytes that were resident in those mappings.</summary>
    internal static long Release(string smapsPath = "/proc/self/smaps")
    {
        if (!s_supported)
        {
            return 0;
        }
        List<Mapping> mappings;
        try
        {
            mappings = Read(smapsPath);
        }
        catch (IOException)
        {
            s_supported = false;
            return 0;
        }
        long released = 0;
        foreach (var mapping in mappings.Where(m => m.Releasable))
        {
            try
            {
                if (Madvise((nint)mapping.Start, (nuint)(mapping.End - mapping.Start), MadvDontneed) == 0)
                {
                    released += mapping.ResidentKilobytes;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                s_supported = false;
                return released;
            }
        }
        return released;
    }

    /// <summary>The mappings of a <c>smaps</c> file, in order.</summary>
    internal static List<Mapping> Read(string smapsPath)
    {
        var mappings = new List<Mapping>();
        Mapping? current = null;
        foreach (var line in File.ReadLines(smapsPath))
        {
            if (Mapping.TryParseHeader(line) is { } header)
            {
                if (current is not null)
                {
                    mappings.Add(current);
                }
                current = header;
            }
            else if (current is not null && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                current = current with { ResidentKilobytes = Kilobytes(line) };
            }
            else if (current is not null && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                current = current with { AnonymousKilobytes = Kilobytes(line) };
            }
            else if (current is not null && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                // Locked pages stay; madvise refuses them anyway.
                current = current with { Locked = line.Contains(" lo", StringComparison.Ordinal) };
            }
        }
        if (current is not null)
        {
            mappings.Add(current);
        }
        return mappings;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);

    /// <summary>One mapping: its range, permissions, file and pages.</summary>
    internal sealed record Mapping(ulong Start, ulong End, string Permissions, string Path)
    {
        public long ResidentKilobytes { get; init; }

        public long AnonymousKilobytes { get; init; }

        public bool Locked { get; init; }

        /// <summary>
        /// Only a file's pages nothing has written: a private page written to (a relocation, say) exists nowhere else
        /// and unmapping it would lose it, so a mapping with any such page, or one that could be written to while this
        /// runs, stays. Shared memory (the runtime's JIT code, <c>/memfd:</c>) and devices stay: they are not page cache.
        /// </summary>
        public bool Releasable =>
            ResidentKilobytes > 0 && AnonymousKilobytes == 0 && !Locked && Permissions[1] != 'w'
            && Path.StartsWith('/') && !Path.StartsWith("/memfd:", StringComparison.Ordinal)
            && !Path.StartsWith("/dev/", StringComparison.Ordinal) && !Path.EndsWith(" (deleted)", StringComparison.Ordinal);

        /// <summary>A mapping's header line (<c>start-end perms offset dev inode path</c>), or null for a field line.</summary>
        public static Mapping? TryParseHeader(string line)
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash <= 0 || space <= dash
                || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                return null;
            }
            // perms, offset, device and inode, then the path (which may hold spaces) after the padding.
            var fields = line[(space + 1)..].Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length < 4 ? null : new Mapping(start, end, fields[0], fields.Length == 5 ? fields[4].Trim() : "");
        }
    }
}
