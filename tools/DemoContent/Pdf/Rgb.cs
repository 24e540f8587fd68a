namespace DemoContent.Pdf;

/// <summary>An sRGB colour shared by the PDF pages and the PNG covers, so a book's palette is defined once.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Hex(string hex) => new(
        Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));

    public static readonly Rgb White = new(255, 255, 255);

    /// <summary>Linear mix towards <paramref name="other"/>; t = 0 keeps this colour.</summary>
    public Rgb Mix(Rgb other, double t) => new(
        (byte)Math.Round(R + (other.R - R) * t), (byte)Math.Round(G + (other.G - G) * t), (byte)Math.Round(B + (other.B - B) * t));

    public Rgb Tint(double amount) => Mix(White, amount);
}
