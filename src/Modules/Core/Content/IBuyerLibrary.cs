namespace Storefront.Core.Content;

public enum LinksRequestOutcome
{
    /// <summary>The "download links ready" email is queued.</summary>
    Queued,

    /// <summary>This request was already queued (a double submit): nothing more is sent.</summary>
    AlreadyQueued,

    /// <summary>Too many link emails were asked for from this address or for this email lately.</summary>
    TooMany,
}

/// <summary>The outcome of asking for the links email, with how long to wait when refused.</summary>
public sealed record LinksRequestResult(LinksRequestOutcome Outcome, int RetryAfterSeconds = 0);

/// <summary>
/// The buyer's library, as other modules may offer it: where it is, and the "download links ready" email that the
/// checkout's success page can ask for. Absent when the Library module is switched off.
/// </summary>
public interface IBuyerLibrary
{
    /// <summary>The library's path on the shop's origin.</summary>
    string Path { get; }

    /// <summary>
    /// Queues one links email to <paramref name="email"/> for the given orders (all of its orders when empty).
    /// <paramref name="requestKey"/> identifies the request (a form's nonce): the same key never sends twice.
    /// </summary>
    Task<LinksRequestResult> RequestLinksAsync(
        string email, IReadOnlyList<Guid> orderIds, string requestKey, string origin, string client, CancellationToken cancellationToken);
}
