using Storefront.Core.Content;
using Storefront.Core.Settings;
using Storefront.Media.Library;

namespace Storefront.Media.Settings;

/// <summary>The logo on the settings page: accepted by its bytes, stored in the public area.</summary>
internal sealed class LogoSettingsUpload(SiteLogo logo) : ISettingsUpload
{
    public string Title => "Logo";

    public string Label => "Logo image (PNG, JPEG, GIF or WebP, at most 2 MB)";

    public string Accept => "image/png,image/jpeg,image/gif,image/webp";

    public string ConfigurationKey => SettingKeys.LogoKey;

    public async Task<(string? Value, string? Problem)> StoreAsync(Stream content, long length, string fileName, CancellationToken cancellationToken)
    {
        var bytes = Array.Empty<byte>();
        // Only a file within the limit is read into memory; a larger one is refused by its length alone.
        if (length is > 0 and <= SiteLogo.MaxBytes)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        return SiteLogo.Problem(length, bytes, MediaLibrary.SafeName(fileName)) is { } problem
            ? (null, $"The logo was refused: {problem}.")
            : (await logo.StoreAsync(bytes, cancellationToken), null);
    }

    public string UrlOf(string value) => MediaUrl.For(value);
}
