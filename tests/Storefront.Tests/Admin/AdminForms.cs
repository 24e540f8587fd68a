using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>Posts an admin form as the browser would: the page's antiforgery token, then the fields.</summary>
public static class AdminForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath, string action, params (string Key, string Value)[] fields)
    {
        var token = await AdminSession.AntiforgeryTokenAsync(client, pagePath);
        var form = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token), .. fields.Select(f => KeyValuePair.Create(f.Key, f.Value))]);
        return await client.PostAsync(action, form);
    }

    /// <summary>Follows the post-redirect-get and returns the page it lands on.</summary>
    public static async Task<string> PostAndFollowAsync(HttpClient client, string pagePath, string action, params (string Key, string Value)[] fields)
    {
        var response = await PostAsync(client, pagePath, action, fields);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect after POST, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await client.GetStringAsync(response.Headers.Location);
    }
}
