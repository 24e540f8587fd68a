using System.Buffers;
using System.Security.Cryptography;
using Storefront.Core.Content;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Services;

public sealed record MasterUpload(string? Key, string? FileName, long Length, string? Problem, IReadOnlyList<string> Warnings);

/// <summary>
/// Receives a master as a raw request body: it is streamed to a temporary file in the OS temp folder
/// (hashing as it goes, never held in memory), checked by every <see cref="IMasterFileValidator"/>, and
/// only then copied into the private area under a content-addressed key.
/// </summary>
public sealed class MasterUploads(IBlobStore blobs, IEnumerable<IMasterFileValidator> validators)
{
    public const string Folder = "masters";

    public async Task<MasterUpload> ReceiveAsync(Stream body, string? fileName, CancellationToken cancellationToken)
    {
        var name = MediaLibrary.SafeName(fileName);
        var temporary = Path.Combine(Path.GetTempPath(), "storefront-master-" + Guid.NewGuid().ToString("N"));
        await using var staged = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await staged.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (staged.Length == 0)
        {
            return new MasterUpload(null, name, 0, "The file is empty.", []);
        }

        var warnings = new List<string>();
        foreach (var validator in validators)
        {
            staged.Position = 0;
            var verdict = await validator.CheckAsync(name, staged, cancellationToken);
            if (!verdict.Accepted)
            {
                return new MasterUpload(null, name, staged.Length, verdict.Problem ?? "The file cannot be sold.", []);
            }

            warnings.AddRange(verdict.Warnings);
        }

        var key = BlobKey.Parse($"{Folder}/{Convert.ToHexStringLower(hash.GetHashAndReset())[..20]}/{name}");
        if (await blobs.GetInfoAsync(BlobArea.Private, key, cancellationToken) is null)
        {
            staged.Position = 0;
            var contentType = await FileKinds.ContentTypeAsync(name, staged, cancellationToken);
            staged.Position = 0;
            await blobs.PutAsync(BlobArea.Private, key, staged, contentType, cancellationToken);
        }

        return new MasterUpload(key.Value, name, staged.Length, null, warnings);
    }
}
