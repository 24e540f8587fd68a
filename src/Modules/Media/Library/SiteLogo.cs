using System.Security.Cryptography;
using Storefront.Media.Storage;

namespace Storefront.Media.Library;

/// <summary>
/// The shop's logo, uploaded in the settings or imported from a recipe under the same rules: an image by its bytes, at
/// most 2 MB, stored in the public area under a key derived from its content, so storing the same file again writes nothing.
/// </summary>
public sealed class SiteLogo(IBlobStore blobs)
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Why a file of this length and these first bytes cannot be the logo, or null when it can.</summary>
    public static string? Problem(long length, ReadOnlySpan<byte> head, string fileName) => length switch
    {
        0 => $"'{fileName}' is empty",
        > MaxBytes => $"'{fileName}' is larger than 2 MB",
        _ => ImageFormats.Detect(head) is null ? $"'{fileName}' is not a {ImageFormats.Accepted} image" : null,
    };

    /// <summary>Stores bytes that passed <see cref="Problem"/>; returns the public key to keep in the settings.</summary>
    public async Task<string> StoreAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var type = ImageFormats.Detect(bytes) ?? throw new ArgumentException("The logo is not an image.", nameof(bytes));
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..20];
        var key = BlobKey.Parse($"logos/{hash}/logo.{type["image/".Length..]}");
        if (await blobs.GetInfoAsync(BlobArea.Public, key, cancellationToken) is null)
        {
            await blobs.PutAsync(BlobArea.Public, key, new MemoryStream(bytes), type, cancellationToken);
        }

        return key.Value;
    }
}
