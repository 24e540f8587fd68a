using System.Net;

namespace Storefront.Email;

/// <summary><c>Email__*</c>. Without <c>Email__Smtp__Host</c> messages go to the pickup folder.</summary>
public sealed class EmailOptions
{
    /// <summary>The shop's sending address; also the domain of every Message-ID.</summary>
    public string From { get; set; } = "";

    public string? FromName { get; set; }

    /// <summary>Where the embedded default writes <c>.eml</c> files; relative paths start at the working folder.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary><c>Email__Smtp__*</c>. The password is a secret: set it in the environment or the admin (stored encrypted), never in a file.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>587 is the submission port with STARTTLS, which every mail provider offers.</summary>
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS. Unset means on, except for a loopback host (a local relay or a test server).</summary>
    public bool? EnableSsl { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesSsl => EnableSsl ?? !IsLoopback(Host);

    private static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
