using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Media;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Models;
using Storefront.Users.Security;

namespace Storefront.Tests.Users;

/// <summary>The roles screen: what a role may do is chosen by an administrator and holds at once, on every instance.</summary>
public sealed partial class RolePermissionsTests
{
    private static readonly string[] EditorDefaults = [CatalogPermissions.ManageContent.Name, MediaPermissions.ManageMedia.Name];

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AGrantAndARevocationOnOneInstanceApplyToAnEditorSignedInOnAnother(Db db)
    {
        await using var first = await StorefrontApp.StartAsync(db);
        await using var second = await StorefrontApp.StartAsync(db, SameDatabase(first));
        using var editor = await AdminSession.SignInAsync(first, AdminRoles.Editor);
        using var administrator = await AdminSession.SignInAsync(second);
        Assert.True(IsDenied(await editor.GetAsync("/admin/orders")));
        Assert.DoesNotContain("href=\"/admin/orders\"", await editor.GetStringAsync("/admin"));

        var granted = await SaveAsync(administrator, "Editor", [.. EditorDefaults, Storefront.Payments.Admin.PaymentsPermissions.Names.ViewOrders]);
        Assert.Contains("Saved the permissions of Editor: granted ViewOrders.", granted);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/orders")).StatusCode);
        Assert.Contains("href=\"/admin/orders\"", await editor.GetStringAsync("/admin"));

        var revoked = await SaveAsync(administrator, "Editor", EditorDefaults);
        Assert.Contains("Saved the permissions of Editor: revoked ViewOrders.", revoked);
        Assert.True(IsDenied(await editor.GetAsync("/admin/orders")));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/products")).StatusCode);

        var audit = await first.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action == "role.permissions.changed").OrderBy(e => e.At).ToListAsync());
        Assert.Equal(["granted ViewOrders", "revoked ViewOrders"], audit.Select(e => e.Details));
        Assert.All(audit, e => Assert.Equal("role Editor", e.Target));
        Assert.All(audit, e => Assert.StartsWith("administrator-", e.UserName, StringComparison.Ordinal));
        Assert.Contains("role.permissions.changed", await administrator.GetStringAsync("/admin/audit"));
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EditorsCannotOpenTheRolesScreenNorPostToIt()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var editor = await AdminSession.SignInAsync(app, AdminRoles.Editor);

        Assert.True(IsDenied(await editor.GetAsync("/admin/roles")));
        Assert.True(IsDenied(await editor.GetAsync("/admin/roles/Editor")));
        Assert.DoesNotContain("href=\"/admin/roles\"", await editor.GetStringAsync("/admin"));
        var token = await AdminSession.AntiforgeryTokenAsync(editor, "/admin/account/two-factor");
        using var post = await editor.PostAsync("/admin/roles/Editor", new FormUrlEncodedContent(
            DeclaredPermissions(app).Select(p => KeyValuePair.Create("permissions", p.Name)).Append(KeyValuePair.Create("__RequestVerificationToken", token))));
        Assert.True(IsDenied(post));

        Assert.Equal(0, await app.WithDbAsync(d => d.Set<IdentityRoleClaim<Guid>>().CountAsync()));
        Assert.True(IsDenied(await editor.GetAsync("/admin/settings")));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheAdministratorRoleIsReadOnlyAndACraftedFormCannotChangeIt(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var administrator = await AdminSession.SignInAsync(app);

        var page = await administrator.GetStringAsync("/admin/roles/Administrator");
        Assert.DoesNotContain("<form method=\"post\">", page);
        Assert.Equal(DeclaredPermissions(app).Count, CheckedBoxes().Count(page));
        Assert.Equal(DeclaredPermissions(app).Count, Regex.Count(page, "disabled=\"disabled\""));

        // The Administrator's page has no form, so the token comes from the Editor's.
        using var crafted = await PostAsync(administrator, "/admin/roles/Administrator", "builtin-administrator", [CatalogPermissions.ManageContent.Name],
            tokenPage: "/admin/roles/Editor");
        Assert.Equal(HttpStatusCode.Redirect, crafted.StatusCode);
        Assert.Contains("Administrators always hold every permission", await administrator.GetStringAsync(crafted.Headers.Location));

        var role = await app.WithDbAsync(d => d.Set<StorefrontRole>().SingleAsync(r => r.Name == AdminRoles.Administrator));
        Assert.Null(role.PermissionsEditedAt);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<IdentityRoleClaim<Guid>>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action.StartsWith("role."))));
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync("/admin/settings")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task UnknownPermissionsStaleFormsAndUnknownRolesAreRefusedWithAMessage()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var administrator = await AdminSession.SignInAsync(app);

        var unknown = await SaveAsync(administrator, "Editor", [CatalogPermissions.ManageContent.Name, "DropTables"]);
        Assert.Contains("There is no permission called &quot;DropTables&quot;. Nothing was saved.", unknown);

        var stale = await administrator.GetStringAsync("/admin/roles/Editor");
        await SaveAsync(administrator, "Editor", [CatalogPermissions.ManageContent.Name]);
        var refused = await PostAsync(administrator, "/admin/roles/Editor", StampOf(stale), [AdminPermissions.Names.ManageSettings]);
        Assert.Contains("Someone else changed the permissions of Editor", await administrator.GetStringAsync(refused.Headers.Location));

        var unchanged = await SaveAsync(administrator, "Editor", [CatalogPermissions.ManageContent.Name]);
        Assert.Contains("Nothing changed.", unchanged);
        Assert.Equal([CatalogPermissions.ManageContent.Name], await app.WithDbAsync(d => d.Set<IdentityRoleClaim<Guid>>().Select(c => c.ClaimValue).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await administrator.GetAsync("/admin/roles/Owner")).StatusCode);
        Assert.Contains("Manage content", await administrator.GetStringAsync("/admin/roles"));
        app.Logs.AssertNoErrors();
    }

    /// <summary>Settings that point a second instance at the first one's database.</summary>
    private static Dictionary<string, string?> SameDatabase(StorefrontApp app) =>
        app.Settings.Where(s => s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal) || s.Key.StartsWith("Database:", StringComparison.Ordinal))
            .ToDictionary();

    /// <summary>Ticks exactly <paramref name="permissions"/> on the role's page, saves, and returns the page the redirect lands on.</summary>
    private static async Task<string> SaveAsync(HttpClient client, string role, IEnumerable<string> permissions)
    {
        var path = "/admin/roles/" + role;
        var response = await PostAsync(client, path, StampOf(await client.GetStringAsync(path)), permissions);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path, response.Headers.Location?.OriginalString);
        return await client.GetStringAsync(response.Headers.Location);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string stamp, IEnumerable<string> permissions, string? tokenPage = null) =>
        await client.PostAsync(path, new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", await AdminSession.AntiforgeryTokenAsync(client, tokenPage ?? path)),
            KeyValuePair.Create("stamp", stamp),
            .. permissions.Select(p => KeyValuePair.Create("permissions", p)),
        ]));

    private static string StampOf(string formPage) => WebUtility.HtmlDecode(Stamp().Match(formPage).Groups[1].Value);

    private static bool IsDenied(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.OriginalString.Contains("/admin/account/denied", StringComparison.Ordinal);

    [GeneratedRegex("name=\"stamp\" value=\"([^\"]*)\"")]
    private static partial Regex Stamp();

    [GeneratedRegex("checked=\"checked\"")]
    private static partial Regex CheckedBoxes();

    /// <summary>Every permission the enabled modules declare, as the roles screen lists them.</summary>
    private static IReadOnlyCollection<Permission> DeclaredPermissions(StorefrontApp app) => app.Services.GetRequiredService<PermissionCatalog>().All;
}
