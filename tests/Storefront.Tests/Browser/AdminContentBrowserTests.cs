using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Services;

namespace Storefront.Tests.Browser;

/// <summary>An editor at work in real Chromium: the form's script, the upload progress and the CSP all for real.</summary>
public sealed class AdminContentBrowserTests : BrowserTest
{
    private const string Password = "correct horse battery staple";
    [Fact]
    public async Task AnEditorCreatesAProductWithCoverAndMasterPreviewsItPublishesItAndSeesItOnTheStorefront()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, consoleErrors) = await SignInAsEditorAsync(app);

        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Bench Power Supplies");
        Assert.Equal("bench-power-supplies", await page.Locator("#Input_Slug").InputValueAsync());
        await page.GetByLabel("Description (Markdown)").FillAsync("Volts and **amps** <script>alert(1)</script>");
        await Assertions.Expect(page.Locator("#Input_Description_preview strong")).ToHaveTextAsync("amps");
        await Assertions.Expect(page.Locator("#Input_Description_preview")).ToContainTextAsync("<script>alert(1)</script>");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("12.50");
        await page.Locator("#Cover").SetInputFilesAsync(new FilePayload { Name = "bench.png", MimeType = "image/png", Buffer = TestRecipe.Png(40, 30) });
        await page.GetByLabel("Cover alt text").FillAsync("A bench power supply with two dials");
        await page.Locator("#master-file").SetInputFilesAsync(TestRecipe.SamplePdf);

        await Assertions.Expect(page.Locator("[data-master-upload]")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });
        Assert.True(await page.Locator("#master-progress").IsVisibleAsync());
        Assert.Equal("100", await page.Locator("#master-progress").EvaluateAsync<string>("p => String(p.value)"));
        Assert.Contains("Uploaded objstm-xrefstm-pdflatex-4-pages.pdf", await page.Locator("#master-status").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/products/[0-9a-f-]{36}$"));
        Assert.Contains("was created as a draft", await page.Locator(".flash").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview" }).ClickAsync();
        Assert.Equal("Bench Power Supplies", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains("a draft", await page.Locator(".preview-banner").InnerTextAsync());
        Assert.Contains("$12.50", await page.Locator(".product__price").InnerTextAsync());
        await page.GoBackAsync();

        await page.GetByLabel("Published (for sale on the storefront)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("is published");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bench Power Supplies" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/products/bench-power-supplies$"));
        // Polled: the address changes before the cover has loaded.
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('img.product__cover'); return img && img.complete && img.naturalWidth > 0 && img.currentSrc.includes('/media/variants/40/'); }");
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("png", "The file is not a PDF.")]
    [InlineData("encrypted", "The PDF needs a password to open")]
    public async Task AMasterTheStampingEngineCannotServeIsRefusedOnThePageWithItsReason(string kind, string reason)
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, consoleErrors) = await SignInAsEditorAsync(app);
        await page.GotoAsync("/admin/products/new");
        var file = kind == "png"
            ? new FilePayload { Name = "guide.pdf", MimeType = "application/pdf", Buffer = TestRecipe.Png(8, 8) }
            : new FilePayload
            {
                Name = "guide.pdf", MimeType = "application/pdf",
                Buffer = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Shared, "fixtures", "pdfs", "encrypted-rc4-128-user-password-required.pdf")),
            };

        await page.Locator("#master-file").SetInputFilesAsync(file);

        await Assertions.Expect(page.Locator("[data-master-upload]")).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 30_000 });
        Assert.StartsWith("Refused: " + reason, await page.Locator("#master-status").InnerTextAsync());
        Assert.Equal("", await page.Locator("[data-master-key]").InputValueAsync());
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("400", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("/admin/products")]
    [InlineData("/admin/products/new")]
    [InlineData("/admin/pages/new")]
    [InlineData("/admin/media")]
    public async Task ContentScreensHaveOneHeadingLabelledControlsAndLandmarks(string path)
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, consoleErrors) = await SignInAsEditorAsync(app);

        await page.GotoAsync(path);
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              for (const role of ['header', 'nav', 'main', 'footer'])
                if (document.querySelectorAll(role).length < 1) problems.push(`no <${role}> landmark`);
              if (document.querySelectorAll('h1').length !== 1) problems.push('expected exactly one h1');
              document.querySelectorAll('input, select, textarea').forEach(input => {
                if (input.type === 'hidden') return;
                if (!(input.labels?.length || input.getAttribute('aria-label'))) problems.push('control without label: ' + (input.name || input.id));
              });
              return problems;
            }
            """);

        Assert.True(problems.Length == 0, string.Join("\n", problems));
        var navigation = await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).InnerTextAsync();
        Assert.Contains("Products", navigation);
        Assert.Contains("Media", navigation);
        Assert.Empty(consoleErrors);
    }

    private async Task<(IPage Page, List<string> ConsoleErrors)> SignInAsEditorAsync(StorefrontApp app)
    {
        var email = $"editor-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, "Editor");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text); } } };
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        await page.GotoAsync("/admin/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        return (page, errors);
    }
}
