using System.Security.Cryptography;

namespace Storefront.StripeEmulator;

/// <summary>Ids in Stripe's format: a type prefix and random base62, test-mode sessions as <c>cs_test_…</c>.</summary>
internal static class StripeIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, length)}";

    public static string Session() => New("cs_test", 58);

    public static string Request() => New("req", 14);

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
