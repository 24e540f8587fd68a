using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Media.Library;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Storage;

namespace Storefront.Tests.Media;

/// <summary>A shop on one database and one blob store with a signed-in editor, and the media admin's forms as a browser posts them.</summary>
internal sealed class MediaShop(StorefrontApp app, SignedInEditor editor) : IAsyncDisposable
{
    public StorefrontApp App { get; } = app;

    public SignedInEditor Editor { get; } = editor;

    public static async Task<MediaShop> StartAsync(Db db = Db.Sqlite, Store store = Store.FileSystem, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        if (store == Store.S3)
        {
            var s3 = await S3Server.GetAsync();
            settings["Storage:Provider"] = "S3";
            settings["Storage:S3:ServiceUrl"] = s3.ServiceUrl;
            settings["Storage:S3:Bucket"] = await s3.CreateBucketAsync();
            settings["Storage:S3:AccessKey"] = S3Server.AccessKey;
            settings["Storage:S3:SecretKey"] = S3Server.SecretKey;
        }

        var app = await StorefrontApp.StartAsync(db, settings);
        return new MediaShop(app, await SignedInEditor.CreateAsync(app));
    }

    /// <summary>Posts the library's upload form (into <paramref name="folder"/> when given).</summary>
    public async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName, string altText = "", Guid? folder = null)
    {
        var path = folder is null ? "/admin/media" : $"/admin/media?folder={folder}";
        var content = new MultipartFormDataContent
        {
            { new StringContent(await Editor.TokenAsync(path)), "__RequestVerificationToken" },
            { new StringContent(altText), "AltText" },
            { new ByteArrayContent(bytes), "Upload", fileName },
        };
        return await Editor.Client.PostAsync(path, content);
    }

    public async Task<MediaAsset> UploadedAsync(byte[] bytes, string fileName, string altText = "", Guid? folder = null)
    {
        var response = await UploadAsync(bytes, fileName, altText, folder);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await App.WithDbAsync(d => d.Set<MediaAsset>().AsNoTracking().SingleAsync(a => a.Name == fileName));
    }

    /// <summary>Every blob key of the public area, wherever it is stored.</summary>
    public async Task<List<string>> PublicKeysAsync()
    {
        var store = App.Services.GetService(typeof(Storefront.Media.Storage.IBlobStore)) as Storefront.Media.Storage.IBlobStore;
        var keys = new List<string>();
        await foreach (var blob in store!.ListAsync(Storefront.Media.Storage.BlobArea.Public))
        {
            keys.Add(blob.Key);
        }

        return keys;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
