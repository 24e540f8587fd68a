using Storefront.Core.Privacy;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Who a copy is for. <paramref name="Fingerprint"/> is the opaque identifier of the entitlement
/// (letters, digits, '.', '_', '-'; at most 128) that <see cref="IPdfStamper.TryReadFingerprint"/> returns
/// from a leaked copy. <see cref="Template"/> overrides the configured wording for this copy.
/// </summary>
public sealed record StampRequest(string BuyerName, string BuyerEmail, string OrderNumber, string Fingerprint)
{
    public string? Template { get; init; }

    /// <summary>The product's own choice of what the stamp shows; null follows the shop's (see <see cref="StampWording"/>).</summary>
    public StampPrivacy? Privacy { get; init; }
}

/// <summary>Engine settings, bound from <c>Downloads:Stamping</c>.</summary>
public sealed class StampingOptions
{
    /// <summary>
    /// Footer wording; placeholders {name}, {email}, {order} and {code} (the licence code). Set, it is used for every copy
    /// whatever <see cref="Privacy"/> and the products choose (an erased buyer's copies still show the code only); unset,
    /// the wording follows the privacy option.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>What the visible stamp shows for products that choose nothing themselves (<c>Downloads__Stamping__Privacy</c>).</summary>
    public StampPrivacy Privacy { get; set; } = StampPrivacy.NameAndCode;

    /// <summary>Largest footer font size in points; narrow pages get a smaller one so the line fits.</summary>
    public double MaxFontSize { get; set; } = 7.5;

    /// <summary>
    /// Ceiling on one page's decoded content. Real pages stay far below it (a dense map page is a few MB);
    /// a hostile master whose few KB of Flate data inflate to gigabytes is refused instead of exhausting memory.
    /// </summary>
    public int MaxPageContentBytes { get; set; } = 128 << 20;

    /// <summary>
    /// Memory for copy templates (<c>Downloads__Stamping__TemplateCacheMegabytes</c>): each master's book stamped once
    /// with placeholders, from which every later copy is written without qpdf. 0 keeps none (each copy builds its own).
    /// </summary>
    public int TemplateCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// TrueType (glyf) fonts used, in order, for lines outside Latin-1: each run of the line (one script,
    /// one direction) takes the first font that has all its characters. Debian packages: fonts-dejavu-core
    /// (Latin, Greek, Cyrillic, Arabic, Hebrew), fonts-lohit-deva (Devanagari), fonts-lohit-beng-bengali
    /// (Bengali), fonts-tlwg-loma-ttf (Thai), fonts-droid-fallback (Chinese, Japanese), fonts-nanum (Korean:
    /// Droid Sans Fallback has no Hangul syllables).
    /// </summary>
    public List<string> FontPaths { get; set; } =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",
        "/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf",
        "/usr/share/fonts/truetype/tlwg/Loma.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    ];
}
