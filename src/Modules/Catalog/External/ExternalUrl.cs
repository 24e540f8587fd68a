namespace Storefront.Catalog.External;

/// <summary>
/// The address of the shop that sells an external product. Only absolute http(s) addresses are kept, so the
/// "Buy on …" link and <c>/go/{slug}</c> can never carry a <c>javascript:</c> or <c>data:</c> address, and the
/// stored form is plain ASCII (an international host as punycode) because it is sent as a Location header.
/// </summary>
public static class ExternalUrl
{
    public const int MaxLength = 2000;

    /// <summary>Empty input means "not external" (null); anything else must be an http(s) address.</summary>
    public static bool TryNormalize(string? text, out string? url, out string? problem)
    {
        url = null;
        problem = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        problem = Check(trimmed, out var normalized);
        url = problem is null ? normalized : null;
        return problem is null;
    }

    /// <summary>"Buy on example.com": the host as a reader knows it, without a leading "www.".</summary>
    public static string HostOf(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
        return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
    }

    private static string? Check(string text, out string normalized)
    {
        normalized = "";
        if (text.Length > MaxLength)
        {
            return $"The external shop address may be at most {MaxLength} characters.";
        }

        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "The external shop address may not contain spaces or control characters.";
        }

        // Uri would read "/path" or "//host/path" as file addresses: an explicit scheme is required first.
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return "Enter the external shop address as a full http:// or https:// address, such as https://example.com/my-book.";
        }

        if (uri.UserInfo.Length > 0)
        {
            // "https://trusted.example@elsewhere.example" shows one host and opens another.
            return "The external shop address may not contain a user name or password.";
        }

        normalized = uri.HostNameType == UriHostNameType.Dns && uri.Host != uri.IdnHost
            ? $"{uri.Scheme}://{uri.IdnHost}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}{uri.PathAndQuery}{uri.Fragment}"
            : uri.AbsoluteUri;
        return normalized.Length > MaxLength || normalized.Any(c => c > '\u007f')
            ? $"The external shop address may be at most {MaxLength} characters once encoded."
            : null;
    }
}
