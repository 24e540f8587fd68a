using QRCoder;

namespace Storefront.Users.Services;

/// <summary>
/// The <c>otpauth://</c> URI authenticator apps scan, drawn as a PNG data URI: the CSP allows
/// <c>img-src data:</c> but no inline styles, which rules out QRCoder's SVG output.
/// </summary>
public static class AuthenticatorQrCode
{
    public static string Uri(string issuer, string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(email)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6&period=30";

    public static string PngDataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>Groups of four, as apps show keys, so it can be typed without losing one's place.</summary>
    public static string Format(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
