namespace Storefront.Tests.Infrastructure;

/// <summary>Keys the test shops run with; never a shop's real ones.</summary>
public static class TestKeys
{
    /// <summary>The bytes 1 to 32: every test shop encrypts its key ring, as a Production shop must.</summary>
    public const string KeyEncryptionKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
}
