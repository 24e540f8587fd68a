using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Storefront.Media.Storage;

/// <summary>
/// Blobs in one S3 bucket, the two areas kept apart by key prefix. Works with AWS, MinIO and R2:
/// path-style addressing and checksums only when required, because several S3-compatible servers
/// mishandle the SDK's default streaming checksums and aws-chunked uploads.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3StorageOptions options;

    public S3BlobStore(IOptions<StorageOptions> storage)
    {
        options = storage.Value.S3;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            AuthenticationRegion = options.Region,
        };
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task PutAsync(BlobArea area, BlobKey key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var partSize = (long)options.PartSizeMegabytes * 1024 * 1024;
        var buffer = new byte[partSize];
        var first = await FillAsync(content, buffer, cancellationToken);
        if (first < partSize)
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = ObjectKey(area, key),
                InputStream = new MemoryStream(buffer, 0, first, writable: false),
                ContentType = contentType,
                UseChunkEncoding = false,
            }, cancellationToken);
            return;
        }

        await PutMultipartAsync(ObjectKey(area, key), content, contentType, buffer, first, cancellationToken);
    }

    private async Task PutMultipartAsync(string objectKey, Stream content, string contentType, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        // Manual multipart: one part in memory at a time, whatever the size of the upload.
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = options.Bucket,
            Key = objectKey,
            ContentType = contentType,
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var number = 1;
            while (filled > 0)
            {
                var response = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = options.Bucket,
                    Key = objectKey,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    PartSize = filled,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(number, response.ETag));
                number++;
                filled = await FillAsync(content, buffer, cancellationToken);
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = options.Bucket,
                Key = objectKey,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            await client.AbortMultipartUploadAsync(options.Bucket, objectKey, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    public async Task<Stream?> OpenReadAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.GetObjectAsync(options.Bucket, ObjectKey(area, key), cancellationToken);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await client.GetObjectMetadataAsync(options.Bucket, ObjectKey(area, key), cancellationToken);
            return new BlobInfo(key.Value, metadata.ContentLength, metadata.Headers.ContentType ?? "application/octet-stream");
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default)
    {
        var existed = await GetInfoAsync(area, key, cancellationToken) is not null;
        await client.DeleteObjectAsync(options.Bucket, ObjectKey(area, key), cancellationToken);
        return existed;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(BlobArea area, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = area == BlobArea.Public ? options.PublicPrefix : options.PrivatePrefix;
        var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                if (BlobKey.TryCreate(item.Key[prefix.Length..], out var key, out _)
                    && await GetInfoAsync(area, key, cancellationToken) is { } info)
                {
                    yield return info;
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    /// <summary>
    /// Whether the bucket exists, creating it when <see cref="S3StorageOptions.CreateBucket"/> allows. Another instance creating
    /// it at the same moment is as good as creating it here.
    /// </summary>
    public async Task<bool> EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = options.Bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex.ErrorCode == "NoSuchBucket")
        {
            if (!options.CreateBucket)
            {
                return false;
            }
        }

        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket, UseClientRegion = true }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" && ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Another instance of the shop won the race; BucketAlreadyExists from a server that does not tell owners apart.
        }

        return true;
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        // The bucket's location rather than a one-key listing: some S3-compatible servers (s3rver) fail a truncated listing.
        await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = options.Bucket }, cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private string ObjectKey(BlobArea area, BlobKey key) =>
        (area == BlobArea.Public ? options.PublicPrefix : options.PrivatePrefix) + key.Value;

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    /// <summary>Disposes the SDK response (and its connection) with the stream.</summary>
    private sealed class ResponseOwningStream(GetObjectResponse response) : Stream
    {
        private readonly Stream inner = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
