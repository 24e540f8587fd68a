using System.IO.MemoryMappedFiles;
using Storefront.Host.Hosting;

namespace Storefront.Tests.Hosting;

public sealed class MappedFilePagesTests
{
    private const string Smaps = """
        7f00ef880000-7f00f03cc000 r-xp 00000000 fe:00 350922                     /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll
        Size:              11568 kB
        Rss:               10240 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me
        7f00f03ec000-7f00f076e000 rw-p 00b4c000 fe:00 350922                     /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll
        Rss:                2248 kB
        Anonymous:             0 kB
        VmFlags: rd wr mr mw me ac
        7f00f078d000-7f00f0799000 r--p 00ecd000 fe:00 350922                     /usr/lib/x86_64-linux-gnu/libcrypto.so.3
        Rss:                  48 kB
        Anonymous:            48 kB
        VmFlags: rd mr mw me ac
        7f0100000000-7f0100100000 r-xs 00000000 00:01 2048                       /memfd:doublemapper (deleted)
        Rss:                1024 kB
        Anonymous:             0 kB
        VmFlags: rd ex sh mr mw me ms
        7f0200000000-7f0200001000 r--s 00000000 fe:00 77                         /srv/shop/with space.bin
        Rss:                   4 kB
        Anonymous:             0 kB
        VmFlags: rd sh mr mw me ms
        7f0300000000-7f0300001000 r--p 00000000 fe:00 78                         /srv/shop/locked.bin
        Rss:                   4 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me lo
        7f0400000000-7f0400021000 rw-p 00000000 00:00 0                          [heap]
        Rss:                 132 kB
        Anonymous:           132 kB
        VmFlags: rd wr mr mw me ac
        7f0500000000-7f0500001000 r--p 00000000 fe:00 79                         /srv/shop/untouched.bin
        Rss:                   0 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me
        """;

    [Fact]
    public void OnlyFilePagesNothingWroteAndNothingCanWriteAreReleased()
    {
        var path = Path.Combine(Path.GetTempPath(), $"smaps-{Guid.NewGuid():N}");
        File.WriteAllText(path, Smaps);
        try
        {
            var mappings = MappedFilePages.Read(path);

            Assert.Equal(8, mappings.Count);
            Assert.Equal((0x7f00ef880000UL, 0x7f00f03cc000UL, "r-xp", 10240L), (mappings[0].Start, mappings[0].End, mappings[0].Permissions, mappings[0].ResidentKilobytes));
            Assert.Equal("/srv/shop/with space.bin", mappings[4].Path);
            // Read-only code and a read-only shared file: released.
            Assert.Equal(
                ["/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll", "/srv/shop/with space.bin"],
                mappings.Where(m => m.Releasable).Select(m => m.Path));
            // Writable (a write could land between the check and the release), privately written (a relocated page
            // exists nowhere else), the runtime's shared memory, locked, the heap, nothing resident: kept.
            Assert.Equal(["r--p", "r--p", "r--p", "r-xs", "rw-p", "rw-p"], mappings.Where(m => !m.Releasable).Select(m => m.Permissions).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReleasedPagesLeaveTheProcessAndReadBackUnchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapped-{Guid.NewGuid():N}.bin");
        var content = new byte[8 << 20];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(path, content);
        try
        {
            using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            using var view = file.CreateViewAccessor(0, content.Length, MemoryMappedFileAccess.Read);
            var read = new byte[content.Length];
            view.ReadArray(0, read, 0, read.Length);
            Assert.True(ResidentKilobytes(path) >= 7 << 10, $"{ResidentKilobytes(path)} kB of the 8 MB file resident after reading it");

            var released = MappedFilePages.Release();

            Assert.True(released >= 7 << 10, $"{released} kB released");
            Assert.True(ResidentKilobytes(path) < 1 << 10, $"{ResidentKilobytes(path)} kB of the file still resident");
            Array.Clear(read);
            view.ReadArray(0, read, 0, read.Length);
            Assert.Equal(content, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long ResidentKilobytes(string path) =>
        MappedFilePages.Read("/proc/self/smaps").Where(m => m.Path == path).Sum(m => m.ResidentKilobytes);
}
