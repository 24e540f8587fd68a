using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Storefront.Tests.Infrastructure;

/// <summary>Reads the .eml files the pickup folder sender writes, whatever transfer encoding each part uses.</summary>
public static partial class Eml
{
    /// <summary>The decoded text part followed by the HTML part, so a link found first is the plain one.</summary>
    public static string Text(string eml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(eml));
        var message = MimeMessage.Load(stream);
        return message.TextBody + message.HtmlBody;
    }

    public static string FirstDownloadLink(string eml) => DownloadLink().Match(Text(eml)).Value;

    [GeneratedRegex(@"https?://\S+/download/[A-Za-z0-9_-]+")]
    private static partial Regex DownloadLink();
}
