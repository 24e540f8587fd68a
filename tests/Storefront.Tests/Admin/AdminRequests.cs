using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>The admin's requests as its forms and script send them.</summary>
public static class AdminRequests
{
    /// <summary>Streams a master to the upload endpoint as the product form's script does.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Answer)> UploadMasterAsync(SignedInEditor editor, Stream content, string fileName, long? length = null)
    {
        var token = await editor.TokenAsync("/admin/products/new");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/products/master?name=" + Uri.EscapeDataString(fileName))
        {
            Content = new StreamContent(content, 81920),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = length ?? (content.CanSeek ? content.Length : null);
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await editor.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public static async Task<string> UploadSampleMasterAsync(SignedInEditor editor)
    {
        await using var pdf = File.OpenRead(TestRecipe.SamplePdf);
        var (status, answer) = await UploadMasterAsync(editor, pdf, "guide.pdf");
        Assert.Equal(HttpStatusCode.OK, status);
        return answer.GetProperty("key").GetString()!;
    }

    /// <summary>Posts the product form; the defaults make a valid draft.</summary>
    public static Task<HttpResponseMessage> SaveProductAsync(
        SignedInEditor editor, string title, string? slug = null, string price = "29.00", string currency = "usd",
        bool published = false, string? masterKey = null, string description = "", byte[]? cover = null, string path = "/admin/products/new")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = slug ?? "",
            ["Input.Description"] = description,
            ["Input.Price"] = price,
            ["Input.Currency"] = currency,
            ["Input.Published"] = published ? "true" : "false",
            ["Input.MasterKey"] = masterKey ?? "",
            ["Input.MasterFileName"] = masterKey is null ? "" : "guide.pdf",
        };
        return cover is null ? editor.PostFormAsync(path, fields) : PostWithCoverAsync(editor, path, fields, cover);
    }

    private static async Task<HttpResponseMessage> PostWithCoverAsync(SignedInEditor editor, string path, Dictionary<string, string> fields, byte[] cover)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(await editor.TokenAsync(path)), "__RequestVerificationToken");
        var file = new ByteArrayContent(cover);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "Cover", "cover.png");
        return await editor.Client.PostAsync(path, content);
    }

    /// <summary>The id in the redirect after a product or page was saved.</summary>
    public static Guid SavedId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }
}
