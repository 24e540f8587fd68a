using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Storage;

public enum Store
{
    FileSystem,
    S3,
}

/// <summary>One contract, two real stores: the file system and an S3-compatible server.</summary>
public sealed class BlobStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public static TheoryData<Store> Stores => new() { Store.FileSystem, Store.S3 };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task BytesRoundTripExactlyIncludingTwentyMegabytes(Store kind)
    {
        var store = await CreateAsync(kind);
        var small = RandomNumberGenerator.GetBytes(1234);
        var large = RandomNumberGenerator.GetBytes(20 * 1024 * 1024 + 17);

        await store.PutAsync(BlobArea.Public, BlobKey.Parse("small.bin"), new MemoryStream(small), "application/octet-stream");
        await store.PutAsync(BlobArea.Private, BlobKey.Parse("masters/large.pdf"), new NonSeekableStream(large), "application/pdf");

        Assert.Equal(small, await ReadAsync(store, BlobArea.Public, "small.bin"));
        Assert.Equal(SHA256.HashData(large), SHA256.HashData(await ReadAsync(store, BlobArea.Private, "masters/large.pdf")));
        var info = await store.GetInfoAsync(BlobArea.Private, BlobKey.Parse("masters/large.pdf"));
        Assert.Equal((large.LongLength, "application/pdf"), (info!.Length, info.ContentType));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task KeysWithSpacesAndNonAsciiCharactersWork(Store kind)
    {
        var store = await CreateAsync(kind);
        string[] keys = ["covers/Field Guide (2nd ed).png", "masters/Zoë Ünïcode/Łódź – 李雷.pdf", "a/b/c/Дмитрий's notes.txt"];
        foreach (var key in keys)
        {
            await store.PutAsync(BlobArea.Public, BlobKey.Parse(key), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(key)), "text/plain");
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, System.Text.Encoding.UTF8.GetString(await ReadAsync(store, BlobArea.Public, key)));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AreasAreSeparateAndMissingBlobsAreNull(Store kind)
    {
        var store = await CreateAsync(kind);
        await store.PutAsync(BlobArea.Private, BlobKey.Parse("masters/book.pdf"), new MemoryStream([1, 2, 3]), "application/pdf");

        Assert.Null(await store.OpenReadAsync(BlobArea.Public, BlobKey.Parse("masters/book.pdf")));
        Assert.Null(await store.GetInfoAsync(BlobArea.Public, BlobKey.Parse("masters/book.pdf")));
        Assert.True(await store.DeleteAsync(BlobArea.Private, BlobKey.Parse("masters/book.pdf")));
        Assert.Null(await store.OpenReadAsync(BlobArea.Private, BlobKey.Parse("masters/book.pdf")));
        Assert.False(await store.DeleteAsync(BlobArea.Private, BlobKey.Parse("masters/book.pdf")));
        await store.CheckHealthAsync();
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("masters/../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("masters\\..\\escape.txt")]
    [InlineData("masters//double.pdf")]
    [InlineData("./here.pdf")]
    [InlineData("")]
    [InlineData("bell\u0007.pdf")]
    public void KeysThatCouldLeaveTheirRootAreRefused(string key)
    {
        Assert.False(BlobKey.TryCreate(key, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<ArgumentException>(() => BlobKey.Parse(key));
    }

    [Fact]
    public async Task PrivateMastersAreNeverServedOverHttp()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipeFolder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipeFolder.Path));
        var masterKey = Directory.GetFiles(app.Folder.File("storage/private"), "master.pdf", SearchOption.AllDirectories).Single();
        var relative = Path.GetRelativePath(app.Folder.File("storage/private"), masterKey).Replace('\\', '/');
        var cover = Path.GetRelativePath(app.Folder.File("storage/public"),
            Directory.GetFiles(app.Folder.File("storage/public"), "cover.png", SearchOption.AllDirectories).Single()).Replace('\\', '/');
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/media/" + cover)).StatusCode);
        foreach (var path in new[] { "/media/" + relative, "/media/../private/" + relative, "/media/..%2Fprivate%2F" + relative, "/private/" + relative, "/storage/private/" + relative })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task CraftedMediaKeysAnswerNotFoundWithoutLoggingAnError()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipeFolder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipeFolder.Path));
        var cover = Path.GetRelativePath(app.Folder.File("storage/public"),
            Directory.GetFiles(app.Folder.File("storage/public"), "cover.png", SearchOption.AllDirectories).Single()).Replace('\\', '/');
        using var client = app.CreateHttpClient();

        foreach (var path in new[] { "/media/" + cover + ".content-type", "/media/missing.content-type",
            "/media/..%2F..%2Fpublic%2F" + cover, "/media/a%5C..%5Cb", "/media/%2F" + cover, "/media/a//b" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }

        Assert.Empty(app.Logs.Errors);
    }

    public void Dispose() => folder.Dispose();

    private async Task<IBlobStore> CreateAsync(Store kind)
    {
        if (kind == Store.FileSystem)
        {
            return new FileSystemBlobStore(Options.Create(new StorageOptions { Root = folder.File("blobs") }));
        }

        var server = await S3Server.GetAsync();
        return new S3BlobStore(Options.Create(new StorageOptions
        {
            Provider = StorageProvider.S3,
            S3 = new S3StorageOptions
            {
                ServiceUrl = server.ServiceUrl,
                Bucket = await server.CreateBucketAsync(),
                AccessKey = S3Server.AccessKey,
                SecretKey = S3Server.SecretKey,
                PartSizeMegabytes = 5,
            },
        }));
    }

    private static async Task<byte[]> ReadAsync(IBlobStore store, BlobArea area, string key)
    {
        await using var stream = await store.OpenReadAsync(area, BlobKey.Parse(key));
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Uploads arrive as request streams that cannot seek; the stores must not rely on it.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
