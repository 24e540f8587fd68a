namespace Storefront.Core.Content;

/// <summary>Where an issued licence key stands: only an active key verifies.</summary>
public enum LicenseKeyState
{
    Active,

    /// <summary>The payment is disputed; the key comes back as it was if the shop wins.</summary>
    Suspended,

    /// <summary>Refunded, lost dispute or revoked by the seller: for good.</summary>
    Revoked,
}

/// <summary>One licence key an order's line was issued, as the buyer is shown it.</summary>
public sealed record IssuedLicenseKey(Guid LineId, string ProductTitle, string Key, LicenseKeyState State)
{
    /// <summary>What a buyer is told beside a key that does not work now; null for an active one.</summary>
    public string? Caveat => State switch
    {
        LicenseKeyState.Suspended => "paused while the payment is disputed",
        LicenseKeyState.Revoked => "revoked",
        _ => null,
    };
}

/// <summary>
/// The licence keys of an order, as the success page, the receipt, the library and the invoice show them. Answered by the
/// Licensing module; absent when it is switched off, so callers resolve it as optional.
/// </summary>
public interface ILicenseKeys
{
    /// <summary>The order's keys in the order they were issued; empty when none of its products issues keys.</summary>
    Task<IReadOnlyList<IssuedLicenseKey>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);
}
