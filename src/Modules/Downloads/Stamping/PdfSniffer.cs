namespace Storefront.Downloads.Stamping;

/// <summary>Tells PDFs from other files by their header, as readers do.</summary>
internal static class PdfSniffer
{
    // Readers accept the header anywhere in the first KB; a little more slack costs nothing.
    internal const int HeaderWindow = 4096;

    public static bool LooksLikePdf(ReadOnlySpan<byte> data) =>
        data[..Math.Min(data.Length, HeaderWindow)].IndexOf("%PDF-"u8) >= 0;
}
