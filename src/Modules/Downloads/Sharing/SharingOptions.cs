namespace Storefront.Downloads.Sharing;

/// <summary>
/// <c>Downloads__Sharing__*</c>: when one purchase's copies going to many networks is taken as a shared link. A flag
/// only tells support; downloads stop only past <see cref="SuspendNetworks"/>, or when an administrator decides so.
/// </summary>
public sealed class SharingOptions
{
    /// <summary>How far back the copies of one purchase are compared.</summary>
    public int WindowHours { get; set; } = 24;

    /// <summary>Distinct networks (IPv4 /24, IPv6 /48) within the window that flag the purchase; 0 turns detection off.</summary>
    public int FlagNetworks { get; set; } = 4;

    /// <summary>
    /// Distinct networks past which the purchase is suspended without waiting for an administrator; 0 never suspends
    /// by itself. Off by default: phones on mobile data, travel and carrier NAT move honest buyers across networks, and
    /// the uses a purchase allows already bound what a shared link can give away.
    /// </summary>
    public int SuspendNetworks { get; set; }

    public static string? Problem(int windowHours, int flag, int suspend) =>
        windowHours is < 1 or > 8760 ? "The sharing window must be between 1 and 8760 hours."
        : flag is not (0 or (>= 2 and <= 1000)) ? "Networks that flag a purchase must be 0 (off) or between 2 and 1000."
        : suspend is < 0 or > 1000 ? "Networks that suspend a purchase must be between 0 (never) and 1000."
        : suspend > 0 && (flag == 0 || suspend <= flag) ? "Networks that suspend a purchase must be more than the networks that flag it (or 0 for never)."
        : null;
}
