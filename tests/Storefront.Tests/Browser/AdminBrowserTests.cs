using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The admin's sign-in as a person uses it, in real Chromium against the real server.</summary>
public sealed class AdminBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorSignsInThroughTheBrowserAndSignsOutAgain()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, errors) = await NewPageAsync(app, 1280);

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/admin/account/sign-in\?returnUrl="));
        var email = await AdminSession.CreateUserAsync(app);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("wrong password entirely");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.StartsWith(Users.SignInTests.WrongOrLocked, await page.GetByRole(AriaRole.Alert).InnerTextAsync());

        await page.GetByLabel("Password").FillAsync(AdminSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        Assert.Equal("Users", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains(email, await page.Locator("header").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/account/sign-in$"));
        Assert.Empty(errors);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheHelperSignsAnEditorInAndTheUsersScreenIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, errors) = await NewPageAsync(app, 1280);

        await AdminSession.SignInAsync(page, app, AdminRoles.Editor);
        var response = await page.GotoAsync("/admin/users");

        Assert.Equal(403, response!.Status);
        Assert.Equal("Not allowed", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.DoesNotContain(errors, e => !e.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdministratorGivesEditorsTheOrdersScreenFromTheRolesMenuAndASignedInEditorGetsItAtOnce()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (editor, editorErrors) = await NewPageAsync(app, 1280);
        await AdminSession.SignInAsync(editor, app, AdminRoles.Editor);
        Assert.Equal(403, (await editor.GotoAsync("/admin/orders"))!.Status);
        var (page, errors) = await NewPageAsync(app, 1280);
        await AdminSession.SignInAsync(page, app);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the permissions of Editor" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/roles/Editor$"));
        Assert.True(await page.GetByRole(AriaRole.Group, new() { Name = "Content" }).GetByLabel("Manage content", new() { Exact = true }).IsCheckedAsync());
        var viewOrders = page.GetByRole(AriaRole.Group, new() { Name = "Orders" }).GetByLabel("View orders");
        Assert.Equal("See orders, buyers, downloads and the revenue dashboard.", await viewOrders.GetAttributeAsync("aria-describedby") is { } id
            ? await page.Locator("#" + id).InnerTextAsync() : null);
        await viewOrders.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the permissions of Editor" }).ClickAsync();

        Assert.Equal("Saved the permissions of Editor: granted ViewOrders.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.True(await page.GetByLabel("View orders").IsCheckedAsync());
        Assert.Equal(200, (await editor.GotoAsync("/admin/orders"))!.Status);
        Assert.Equal("Orders", await editor.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Empty(errors);
        Assert.DoesNotContain(editorErrors, e => !e.Contains("403", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("/admin/account/sign-in", false)]
    [InlineData("/admin/setup", false)]
    [InlineData("/admin/account/forgot-password", false)]
    [InlineData("/admin", true)]
    [InlineData("/admin/users", true)]
    [InlineData("/admin/users/invite", true)]
    [InlineData("/admin/account/two-factor", true)]
    [InlineData("/admin/roles", true)]
    [InlineData("/admin/roles/Editor", true)]
    [InlineData("/admin/roles/Administrator", true)]
    public async Task AdminPagesPassTheAccessibilitySmokeCheckOnAPhone(string path, bool signedIn)
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, errors) = await NewPageAsync(app, 375);
        if (signedIn)
        {
            await AdminSession.SignInAsync(page, app);
        }

        await page.GotoAsync(path);
        var problems = await page.EvaluateAsync<string[]>(AccessibilitySmokeCheck);

        Assert.True(problems.Length == 0, string.Join("\n", problems));
        Assert.Empty(errors);
        app.Logs.AssertNoErrors();
    }

    private const string AccessibilitySmokeCheck = """
        () => {
          const problems = [];
          if (document.documentElement.lang !== 'en') problems.push('html has no lang="en"');
          if (!document.title.trim()) problems.push('page has no title');
          for (const role of ['header', 'nav', 'main', 'footer'])
            if (document.querySelectorAll(role).length !== 1) problems.push(`expected one <${role}> landmark`);
          if (document.querySelectorAll('h1').length !== 1) problems.push('expected exactly one h1');
          if (!document.querySelector('a.skip-link[href="#main"]')) problems.push('no skip link');
          document.querySelectorAll('img').forEach(img => { if (!img.alt) problems.push('image without alt: ' + img.src.slice(0, 40)); });
          document.querySelectorAll('input, select, textarea').forEach(input => {
            if (input.type === 'hidden') return;
            const labelled = input.labels?.length || input.getAttribute('aria-label') || input.getAttribute('aria-labelledby');
            if (!labelled) problems.push('form control without label: ' + (input.name || input.id));
          });
          document.querySelectorAll('a, button').forEach(el => {
            if (!(el.textContent.trim() || el.getAttribute('aria-label'))) problems.push('link or button without a name: ' + el.outerHTML.slice(0, 80));
          });
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
          return problems;
        }
        """;

    private async Task<(IPage Page, List<string> Errors)> NewPageAsync(StorefrontApp app, int width)
    {
        var errors = new List<string>();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text); } } };
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        return (page, errors);
    }
}
