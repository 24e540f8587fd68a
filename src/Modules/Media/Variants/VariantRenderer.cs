using SkiaSharp;
using Storefront.Media.Library;

namespace Storefront.Media.Variants;

/// <summary>
/// Makes one resized copy of an image. The decoder shrinks while decoding where the format allows (JPEG and WebP), the
/// decoded picture is released as soon as it is resized, and the output is encoded at a fixed quality, so the same
/// original always gives the same bytes.
/// </summary>
internal static class VariantRenderer
{
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    /// <summary>The encoded variant, or null when the original cannot be decoded.</summary>
    public static byte[]? Render(Stream original, int width, VariantFormat format)
    {
        using var codec = SKCodec.Create(new SKManagedStream(original, disposeManagedStream: false));
        if (codec is null)
        {
            return null;
        }

        using var resized = DecodeResized(codec, width);
        if (resized is null)
        {
            return null;
        }

        using var image = format == VariantFormat.Jpeg ? Flatten(resized) : SKImage.FromBitmap(resized);
        using var data = image.Encode(format == VariantFormat.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Webp, format.Quality);
        return data?.ToArray();
    }

    private static SKBitmap? DecodeResized(SKCodec codec, int width)
    {
        var turned = ImageProbe.IsTurned(codec.EncodedOrigin);
        var (shownWidth, shownHeight) = ImageProbe.Oriented(codec);
        var height = Math.Max(1, (int)Math.Round((double)shownHeight * width / shownWidth));
        // The stored picture is turned when the photo says so; it must end up (width × height) once turned.
        var (storedWidth, storedHeight) = turned ? (height, width) : (width, height);
        var decodeSize = codec.GetScaledDimensions((float)storedWidth / codec.Info.Width);
        if (decodeSize.Width < storedWidth || decodeSize.Height < storedHeight)
        {
            decodeSize = codec.Info.Size;
        }

        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        SKBitmap stored;
        using (var decoded = new SKBitmap(decodeInfo))
        {
            var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                return null;
            }

            stored = decoded.Resize(new SKImageInfo(storedWidth, storedHeight, SKColorType.Rgba8888, SKAlphaType.Premul), Sampling);
        }

        return codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? stored : Orient(stored, codec.EncodedOrigin, width, height);
    }

    /// <summary>Applies the EXIF origin, so a variant stands the way the browser shows the original.</summary>
    private static SKBitmap Orient(SKBitmap stored, SKEncodedOrigin origin, int width, int height)
    {
        using (stored)
        {
            var upright = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(upright);
            canvas.SetMatrix(OriginMatrix(origin, stored.Width, stored.Height));
            canvas.DrawBitmap(stored, 0, 0, Sampling, null);
            return upright;
        }
    }

    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>JPEG has no transparency: transparent parts become white, as on the shop's pages, not black.</summary>
    private static SKImage Flatten(SKBitmap bitmap)
    {
        using var surface = SKSurface.Create(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(bitmap, 0, 0, Sampling, null);
        return surface.Snapshot();
    }
}
