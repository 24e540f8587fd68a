using System.Text;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Infrastructure;

/// <summary>Reads the .eml files the pickup folder sender writes (simple MIME, base64 bodies).</summary>
public static partial class Eml
{
    public static string Text(string eml)
    {
        var decoded = new List<byte>();
        foreach (var part in eml.Split("Content-Transfer-Encoding: base64", StringSplitOptions.None).Skip(1))
        {
            var body = part.Split("\r\n\r\n", 2)[1].Split("\r\n--")[0];
            decoded.AddRange(Convert.FromBase64String(body.Replace("\r\n", "")));
        }

        return Encoding.UTF8.GetString(decoded.ToArray());
    }

    public static string FirstDownloadLink(string eml) => DownloadLink().Match(Text(eml)).Value;

    [GeneratedRegex(@"https?://\S+/download/[A-Za-z0-9_-]+")]
    private static partial Regex DownloadLink();
}
