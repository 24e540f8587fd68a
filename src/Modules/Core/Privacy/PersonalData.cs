namespace Storefront.Core.Privacy;

/// <summary>
/// The placeholder an erased buyer's email address and name become. The address is a fresh random one per erasure, under
/// the reserved <c>.invalid</c> domain (RFC 2606), so it never reaches anyone and cannot be turned back into the original.
/// </summary>
public sealed record ErasedBuyer(string Email, string Name)
{
    public const string PlaceholderName = "Erased buyer";

    private const string Prefix = "erased-";

    private const string Domain = "@invalid";

    public static ErasedBuyer New() => new(Prefix + Guid.NewGuid().ToString("N")[..16] + Domain, PlaceholderName);

    /// <summary>Whether <paramref name="email"/> is a placeholder left by an erasure: such a buyer's copies show the licence code only.</summary>
    public static bool IsErased(string? email) =>
        email is not null && email.StartsWith(Prefix, StringComparison.Ordinal) && email.EndsWith(Domain, StringComparison.Ordinal);
}

/// <summary>How many rows of one kind hold a buyer's personal data (a preview), or had it replaced (an erasure).</summary>
public sealed record PersonalDataCount(string Module, string What, int Rows);

/// <summary>
/// Each module that keeps buyers' personal data answers for its own tables: it counts the rows that hold an email address
/// (matched without regard to case), and with a <see cref="ErasedBuyer"/> replaces the name, email, addresses and other
/// personal details in them. Erasing the same address twice finds nothing the second time. All erasers of one request
/// run in one transaction.
/// </summary>
public interface IPersonalDataEraser
{
    /// <param name="replacement">Null counts only (the preview).</param>
    Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken);
}
