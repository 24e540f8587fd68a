namespace Storefront.Users.Services;

/// <summary>
/// <c>Accounts__*</c>. One client address is refused for an account after a few failures, so a stranger can lock
/// out only themselves; the account as a whole locks only after many failures from many addresses, which stops
/// distributed guessing without handing a single address the power to lock an administrator out.
/// </summary>
public sealed class AccountLockoutOptions
{
    public const string Section = "Accounts";

    /// <summary>How long a lockout lasts, and the window within which failures count together.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    public int LockoutAttemptsPerAddress { get; set; } = 5;

    public int LockoutAttemptsPerAccount { get; set; } = 50;

    public bool IsValid => LockoutAttemptsPerAddress > 0 && LockoutAttemptsPerAccount > 0;
}
