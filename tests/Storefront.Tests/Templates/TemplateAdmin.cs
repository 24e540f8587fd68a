using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Templates.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

/// <summary>Templates changed the ways a shop's templates change: the admin's form, or a row written by other means.</summary>
internal static class TemplateAdmin
{
    /// <summary>Posts the editor's form for <paramref name="name"/> with the button of <paramref name="handler"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient admin, string name, string body, string handler = "Save") =>
        AdminSession.PostFormAsync(admin, $"/admin/templates/{name}", new() { ["Body"] = body }, $"/admin/templates/{name}?handler={handler}");

    public static async Task SaveAsync(HttpClient admin, string name, string body)
    {
        var response = await PostAsync(admin, name, body);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving {name} answered {(int)response.StatusCode}:\n{await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A version written straight to the table, as a restore of an old backup or a hand edit would: nothing checks it.</summary>
    public static Task WriteAsync(StorefrontApp app, string name, string body) => app.WithDbAsync(async db =>
    {
        var last = await db.Set<TemplateVersion>().Where(v => v.Name == name).MaxAsync(v => (int?)v.Version) ?? 0;
        db.Add(new TemplateVersion { Name = name, Version = last + 1, Body = body, Note = "Written by hand", SavedBy = "dba", SavedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    public static Task<List<TemplateVersion>> VersionsAsync(StorefrontApp app, string name) =>
        app.WithDbAsync(db => db.Set<TemplateVersion>().AsNoTracking().Where(v => v.Name == name).OrderBy(v => v.Version).ToListAsync());
}
