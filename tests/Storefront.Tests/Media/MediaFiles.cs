using System.IO.Compression;
using SkiaSharp;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Media;

/// <summary>Images for media tests, made here: a photo-like JPEG, a PNG that claims a huge picture, and bytes that are no image.</summary>
internal static class MediaFiles
{
    /// <summary>A JPEG with gradients and noise, so it compresses like a photo and every variant differs from its neighbours.</summary>
    public static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [SKColors.SteelBlue, SKColors.Goldenrod, SKColors.SeaGreen], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
            paint.Shader = null;
            var random = new Random(7);
            for (var i = 0; i < 400; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 160);
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(4, width / 20), paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A real, valid grey PNG of width × height pixels: a few hundred kilobytes that would decode to gigabytes.</summary>
    public static byte[] HugePng(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // 8 bits, greyscale
        TestRecipe.Chunk(png, "IHDR", header);
        TestRecipe.Chunk(png, "IDAT", compressed.ToArray());
        TestRecipe.Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] NotAnImage => "Just some notes, not a picture at all.\n"u8.ToArray();

    /// <summary>The format by magic bytes, as a browser sniffs it.</summary>
    public static string Magic(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "webp",
        [0x89, 0x50, 0x4E, 0x47, ..] => "png",
        _ => "unknown",
    };

    /// <summary>Decodes the bytes fully with Skia: the size of the picture they hold.</summary>
    public static (int Width, int Height) Decode(byte[] bytes)
    {
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }
}
