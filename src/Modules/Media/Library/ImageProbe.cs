using SkiaSharp;

namespace Storefront.Media.Library;

/// <summary>What an accepted image is, read from its bytes: its type and its pixel size.</summary>
public sealed record ImageFacts(string ContentType, int Width, int Height);

/// <summary>
/// Checks an offered file before anything is stored: its size, that its bytes are an image whatever its name says, and
/// its pixel count from the header alone, so a decompression bomb is refused without decoding a single row.
/// </summary>
public static class ImageProbe
{
    public static (ImageFacts? Facts, string? Problem) Check(Stream content, MediaOptions limits)
    {
        if (content.Length == 0)
        {
            return (null, "The file is empty.");
        }

        if (content.Length > limits.MaxUploadBytes)
        {
            return (null, $"The file is {Megabytes(content.Length)}; images may be at most {Megabytes(limits.MaxUploadBytes)}.");
        }

        var head = new byte[ImageFormats.HeadLength];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var contentType = ImageFormats.Detect(head.AsSpan(0, read));
        content.Position = 0;
        if (contentType is null)
        {
            return (null, MediaLibrary.NotAnImage);
        }

        try
        {
            // The codec reads the header only; pixels are decoded later, and only for variants of accepted images.
            using var codec = SKCodec.Create(new SKManagedStream(content, disposeManagedStream: false));
            if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            {
                return (null, $"The file starts like a {Short(contentType)} image but cannot be read as one.");
            }

            var (width, height) = Oriented(codec);
            if ((long)width * height > limits.MaxPixels)
            {
                return (null, $"The image is {width} × {height} pixels ({Megapixels((long)width * height)}); images may have at most {Megapixels(limits.MaxPixels)}.");
            }

            return (new ImageFacts(contentType, width, height), null);
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>The size as a browser shows it: a photo taken on its side says so in its EXIF origin.</summary>
    public static (int Width, int Height) Oriented(SKCodec codec) => IsTurned(codec.EncodedOrigin)
        ? (codec.Info.Height, codec.Info.Width)
        : (codec.Info.Width, codec.Info.Height);

    public static bool IsTurned(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    public static string Megapixels(long pixels) => $"{pixels / 1_000_000.0:0.#} megapixels";

    private static string Short(string contentType) => contentType["image/".Length..].ToUpperInvariant();
}
