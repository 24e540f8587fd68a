using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DemoContent.Png;

/// <summary>
/// Encodes an 8-bit RGB image as PNG: signature, IHDR, one zlib-compressed IDAT and IEND.
/// Each row gets the filter that minimises the sum of absolute residuals (the heuristic libpng
/// uses), which is what keeps smooth gradients small.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static byte[] Encode(Raster image)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        Chunk(output, "IHDR", header);
        Chunk(output, "IDAT", Compress(Filter(image)));
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Filter(Raster image)
    {
        var stride = image.Width * 3;
        var filtered = new byte[(stride + 1) * image.Height];
        var previous = new byte[stride];
        var candidate = new byte[stride];
        var best = new byte[stride];
        for (var row = 0; row < image.Height; row++)
        {
            var current = image.Pixels.AsSpan(row * stride, stride);
            var bestScore = long.MaxValue;
            byte bestType = 0;
            for (byte type = 0; type <= 4; type++)
            {
                long score = 0;
                for (var i = 0; i < stride; i++)
                {
                    int left = i >= 3 ? current[i - 3] : 0;
                    int up = previous[i];
                    int upLeft = i >= 3 ? previous[i - 3] : 0;
                    var predicted = type switch
                    {
                        0 => 0,
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        _ => Paeth(left, up, upLeft),
                    };
                    var value = (byte)(current[i] - predicted);
                    candidate[i] = value;
                    score += value < 128 ? value : 256 - value;
                }

                if (score < bestScore)
                {
                    bestScore = score;
                    bestType = type;
                    candidate.CopyTo(best, 0);
                }
            }

            var offset = row * (stride + 1);
            filtered[offset] = bestType;
            best.CopyTo(filtered, offset + 1);
            current.CopyTo(previous);
        }

        return filtered;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);

        // The CRC covers the chunk type and data, not the length.
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }
}

/// <summary>The CRC-32 PNG specifies (ISO 3309, reflected polynomial 0xEDB88320), table-driven.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
