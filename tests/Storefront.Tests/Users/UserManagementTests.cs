using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed partial class UserManagementTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnInvitedEditorChoosesAPasswordFromTheEmailAndSignsIn(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var administrator = await AdminSession.SignInAsync(app);

        var invited = await AdminSession.PostFormAsync(administrator, "/admin/users/invite", new() { ["Email"] = "new.editor@example.com", ["Role"] = AdminRoles.Editor });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var list = await administrator.GetStringAsync("/admin/users");
        Assert.Contains("Invitation sent to new.editor@example.com", list);
        Assert.Contains("new.editor@example.com", list);

        var link = new Uri(await AdminMail.WaitForLinkAsync(app, "new.editor@example.com"));
        using var editor = AdminSession.NewClient(app);
        const string password = "my own editor passphrase";
        var chosen = await AdminSession.PostFormAsync(editor, link.PathAndQuery, new() { ["Password"] = password, ["ConfirmPassword"] = password });
        Assert.Contains("Your password is set.", await chosen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.SignInAsync(editor, "new.editor@example.com", password)).StatusCode);
        Assert.Contains("Editor", await editor.GetStringAsync("/admin"));
        var invitation = Assert.Single(await AuditAsync(app, "user.invited"));
        Assert.Equal(("user new.editor@example.com", AdminRoles.Editor), (invitation.Target, invitation.Details));
        Assert.StartsWith("administrator-", invitation.UserName, StringComparison.Ordinal);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdministratorChangesARoleAndRemovesAUserButNotThemselves(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var administrator = await AdminSession.SignInAsync(app);
        var editorEmail = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        var editorId = IdOf(await administrator.GetStringAsync("/admin/users"), editorEmail);

        await AdminSession.PostFormAsync(administrator, "/admin/users", new() { ["role"] = AdminRoles.Administrator }, $"/admin/users?handler=Role&id={editorId}");
        var list = await administrator.GetStringAsync("/admin/users");
        Assert.Contains("Role changed to Administrator.", list);
        using (var promoted = AdminSession.NewClient(app))
        {
            await AdminSession.SignInAsync(promoted, editorEmail, AdminSession.Password);
            Assert.Equal(HttpStatusCode.OK, (await promoted.GetAsync("/admin/users")).StatusCode);
        }

        await AdminSession.PostFormAsync(administrator, "/admin/users", [], $"/admin/users?handler=Remove&id={editorId}");
        list = await administrator.GetStringAsync("/admin/users");
        Assert.Contains("User removed.", list);
        Assert.DoesNotContain(editorEmail, list);

        var selfId = IdOf(list, "(you)");
        await AdminSession.PostFormAsync(administrator, "/admin/users", [], $"/admin/users?handler=Remove&id={selfId}");
        Assert.Contains("You cannot remove yourself", await administrator.GetStringAsync("/admin/users"));
        await AdminSession.PostFormAsync(administrator, "/admin/users", new() { ["role"] = AdminRoles.Editor }, $"/admin/users?handler=Role&id={selfId}");
        Assert.Contains("at least one administrator", await administrator.GetStringAsync("/admin/users"));

        // Both changes are in the audit log, by the administrator who made them; the refused ones are not.
        var changed = Assert.Single(await AuditAsync(app, "user.role.changed"));
        Assert.Equal(("user " + editorEmail, "Editor → Administrator"), (changed.Target, changed.Details));
        var removed = Assert.Single(await AuditAsync(app, "user.removed"));
        Assert.Equal("user " + editorEmail, removed.Target);
        Assert.All([changed, removed], e => Assert.StartsWith("administrator-", e.UserName, StringComparison.Ordinal));
        Assert.Contains(editorEmail, await administrator.GetStringAsync("/admin/audit"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task InvitingAnExistingOrInvalidAddressExplainsWhy()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var administrator = await AdminSession.SignInAsync(app);
        var existing = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);

        var duplicate = await AdminSession.PostFormAsync(administrator, "/admin/users/invite", new() { ["Email"] = existing, ["Role"] = AdminRoles.Editor });
        Assert.Contains("already exists", await duplicate.Content.ReadAsStringAsync());
        var invalid = await AdminSession.PostFormAsync(administrator, "/admin/users/invite", new() { ["Email"] = "not an address", ["Role"] = "Owner" });
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter a valid email address", html);
        Assert.Contains("Choose a role", html);
        app.Logs.AssertNoErrors();
    }

    /// <summary>The user id in the role form of the table row that mentions <paramref name="text"/>.</summary>
    private static string IdOf(string html, string text)
    {
        var row = html.Split("<tr>").Single(r => r.Contains(text, StringComparison.Ordinal));
        return RowId().Match(row).Groups[1].Value;
    }

    [GeneratedRegex("id=([0-9a-f-]{36})")]
    private static partial Regex RowId();

    private static Task<List<AuditEntry>> AuditAsync(StorefrontApp app, string action) =>
        app.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action == action).ToListAsync());
}
