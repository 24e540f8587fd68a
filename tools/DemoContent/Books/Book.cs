using DemoContent.Pdf;
using DemoContent.Png;

namespace DemoContent.Books;

/// <summary>Paper sizes in points; the catalogue deliberately mixes them to exercise the preview.</summary>
public sealed record PageSize(string Name, double Width, double Height)
{
    public static readonly PageSize Letter = new("US Letter", 612, 792);
    public static readonly PageSize A4 = new("A4", 595.28, 841.89);
    public static readonly PageSize A5 = new("A5", 419.53, 595.28);
}

/// <summary>A book's palette: the PDF's headings and rules and the cover art share it.</summary>
public sealed record Palette(Rgb Accent, Rgb Deep, Rgb Glow);

/// <summary>Everything about one catalogue item: the shop listing and the book behind it.</summary>
public sealed record Book(
    string Slug,
    string Title,
    string Subtitle,
    string Author,
    string Keywords,
    PageSize Size,
    Palette Colors,
    Motif Cover,
    long Price,
    string Currency,
    int DownloadUses,
    int DownloadExpiryHours,
    bool Published,
    string Description,
    IReadOnlyList<Chapter> Chapters);

public sealed record Chapter(string Title, params Block[] Blocks);

public abstract record Block;

public sealed record Paragraph(string Text) : Block;

public sealed record Heading(string Text) : Block;

public sealed record Bullets(params string[] Items) : Block;

/// <summary>Monospaced lines, e.g. a command or a ledger excerpt; kept on one page.</summary>
public sealed record Code(params string[] Lines) : Block;

public sealed record Tip(string Title, string Text) : Block;

/// <summary>
/// A vector drawing in a 400-unit-wide design space of the given height; the layout scales it
/// to the text width, so one drawing serves A5 and Letter alike.
/// </summary>
public sealed record Figure(double Height, string Caption, Action<Sketch> Draw) : Block;
