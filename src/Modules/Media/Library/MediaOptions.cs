namespace Storefront.Media.Library;

/// <summary><c>Media__*</c>: what the library accepts, and how its resized variants are made.</summary>
public sealed class MediaOptions
{
    /// <summary>The largest image file accepted (env <c>Media__MaxUploadBytes</c>).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The most pixels an image may have (env <c>Media__MaxPixels</c>), read from its header before anything is decoded: a
    /// small file can claim a huge picture, and decoding it would take gigabytes.
    /// </summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>How many variants are made at once in this process (env <c>Media__VariantConcurrency</c>); each holds a decoded image.</summary>
    public int VariantConcurrency { get; set; } = 2;
}
