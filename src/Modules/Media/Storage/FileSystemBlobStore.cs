using Microsoft.Extensions.Options;

namespace Storefront.Media.Storage;

/// <summary>
/// Blobs as files: <c>{Root}/public/…</c> and <c>{Root}/private/…</c>. Writes go to a temporary
/// file that is moved into place, so a reader never sees half a blob.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string publicRoot;
    private readonly string privateRoot;

    public FileSystemBlobStore(IOptions<StorageOptions> options)
    {
        var root = Path.GetFullPath(options.Value.Root);
        publicRoot = Path.Combine(root, "public");
        privateRoot = Path.Combine(root, "private");
    }

    public async Task PutAsync(BlobArea area, BlobKey key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathFor(area, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            await File.WriteAllTextAsync(path + ContentTypeSuffix, contentType, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        if (IsSidecar(key))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathFor(area, key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    public async Task<BlobInfo?> GetInfoAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        if (IsSidecar(key))
        {
            return null;
        }

        var file = new FileInfo(PathFor(area, key));
        if (!file.Exists)
        {
            return null;
        }

        var typeFile = file.FullName + ContentTypeSuffix;
        var contentType = File.Exists(typeFile) ? await File.ReadAllTextAsync(typeFile, cancellationToken) : "application/octet-stream";
        return new BlobInfo(key.Value, file.Length, contentType);
    }

    public Task<bool> DeleteAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(area, key);
        var existed = File.Exists(path);
        // File.Delete throws when the folder itself is missing (a variant never made): a missing blob is simply not deleted.
        if (Directory.Exists(Path.GetDirectoryName(path)))
        {
            File.Delete(path);
            File.Delete(path + ContentTypeSuffix);
        }

        return Task.FromResult(existed);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(BlobArea area, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var root = area == BlobArea.Public ? publicRoot : privateRoot;
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (file.EndsWith(ContentTypeSuffix, StringComparison.Ordinal) || file.EndsWith(".partial", StringComparison.Ordinal)
                || !BlobKey.TryCreate(relative, out var key, out _))
            {
                continue;
            }

            if (await GetInfoAsync(area, key, cancellationToken) is { } info)
            {
                yield return info;
            }
        }
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        foreach (var root in new[] { publicRoot, privateRoot })
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, ".health-" + Guid.NewGuid().ToString("N"));
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
        }
    }

    // Kept beside the blob rather than in a database so the store stands on its own.
    private const string ContentTypeSuffix = ".content-type";

    // A sidecar's name is a valid key but not a blob: asking for it is a miss, not a fault.
    private static bool IsSidecar(BlobKey key) => key.Value.EndsWith(ContentTypeSuffix, StringComparison.Ordinal);

    private string PathFor(BlobArea area, BlobKey key)
    {
        var root = area == BlobArea.Public ? publicRoot : privateRoot;
        var path = Path.GetFullPath(Path.Combine([root, .. key.Segments]));

        // BlobKey already refuses '..'; this second check guards against anything the OS resolves differently.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path.EndsWith(ContentTypeSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The blob key '{key}' does not stay inside its root.", nameof(key));
        }

        return path;
    }
}
