namespace Storefront.Core.Settings;

/// <summary>
/// Configuration values typed into the admin (secrets already decrypted), for the keys the environment leaves
/// empty: the environment always wins. Lives in Core so the host's start-up checks can ask without knowing
/// which module edits them; absent when no such module is enabled.
/// </summary>
public interface IStoredConfiguration
{
    /// <summary>The stored value of a configuration key such as <c>Stripe:SecretKey</c>, or null.</summary>
    string? Get(string configurationKey);
}
