namespace Storefront.Users.Models;

/// <summary>
/// Failed sign-in attempts for one typed address from one client. Keyed by the normalised email rather than a user,
/// so an address without an account is counted, and refused, exactly like one with an account.
/// </summary>
public sealed class SignInFailure
{
    public required string NormalizedEmail { get; set; }

    public required string Client { get; set; }

    public int Failures { get; set; }

    /// <summary>Failures before this moment count together; the next one after it starts a new count.</summary>
    public DateTime WindowEndsAt { get; set; }

    public DateTime? LockedUntil { get; set; }
}
