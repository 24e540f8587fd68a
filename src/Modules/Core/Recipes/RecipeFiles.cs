using System.Runtime.InteropServices;

namespace Storefront.Core.Recipes;

/// <summary>
/// Where a recipe's file really is. A recipe may come from someone who cannot read the server's files, so a path is
/// judged by where it finally leads (every link followed), never by how it is spelled.
/// </summary>
internal static class RecipeFiles
{
    // Links pointing at links may not run on forever (the kernel gives up at 40 too).
    private const int MaxLinkDepth = 40;

    public static string RealPath(string path) => RealPath(path, 0);

    /// <summary>A regular file only: a device or a pipe would never end or would block the import.</summary>
    public static bool IsRegularFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // struct statx has one layout on every architecture; stx_mode is the 16 bits at offset 28.
        var buffer = new byte[256];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return false;
        }

        return (BitConverter.ToUInt16(buffer, 28) & FileTypeMask) == RegularFileType;
    }

    private static string RealPath(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of links at '{path}'");
        }

        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                // The target's own folders may be links as well.
                current = RealPath(target.FullName, depth + 1);
            }
        }

        return current;
    }

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
