namespace Storefront.Library;

/// <summary>
/// <c>Library__*</c>. The limits leave a buyer who lost a mail or two far below them, while nobody can use the shop to
/// flood an inbox with sign-in links or link emails: they count per email and per client address, in the database, so
/// every instance counts together.
/// </summary>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>How long a sign-in link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in links one email may be sent per window.</summary>
    public int SignInLinksPerEmail { get; set; } = 3;

    /// <summary>Sign-in links one client address may ask for per window, whatever the emails typed.</summary>
    public int SignInLinksPerAddress { get; set; } = 10;

    /// <summary>"Download links ready" emails one email may be sent per window.</summary>
    public int LinkEmailsPerEmail { get; set; } = 3;

    /// <summary>"Download links ready" emails one client address may ask for per window.</summary>
    public int LinkEmailsPerAddress { get; set; } = 10;

    public int LimitWindowMinutes { get; set; } = 15;

    /// <summary>How long the library stays signed in on a device.</summary>
    public int SessionHours { get; set; } = 24;

    public TimeSpan LimitWindow => TimeSpan.FromMinutes(LimitWindowMinutes);

    public bool IsValid => new[] { SignInLinksPerEmail, SignInLinksPerAddress, LinkEmailsPerEmail, LinkEmailsPerAddress }.All(n => n is > 0 and <= 10_000)
        && LimitWindowMinutes is > 0 and <= 1440 && SessionHours is > 0 and <= 720;
}
