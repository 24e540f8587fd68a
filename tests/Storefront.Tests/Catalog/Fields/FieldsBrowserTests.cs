using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

/// <summary>The fields page in real Chromium: adding a choice field, a refused key, reordering, and the field in the product form.</summary>
public sealed partial class FieldsBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorAddsAChoiceFieldMovesItFirstAndFindsItInTheProductForm()
    {
        await using var app = await StorefrontApp.StartAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        await AdminSession.SignInAsync(page, app);

        await page.GetByRole(AriaRole.Link, new() { Name = "Fields" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/fields$"));
        await AddAsync(page, "Author", "author", "Text");
        await page.GetByRole(AriaRole.Link, new() { Name = "New product field" }).ClickAsync();
        await page.GetByLabel("Label").FillAsync("File format");
        await page.GetByLabel("Key").FillAsync("File Format");
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Choice from a list" });
        await page.GetByLabel("Choices (for “Choice from a list”, one a line)").FillAsync("PDF\nEPUB");
        await page.GetByLabel("schema.org property (fills the product's structured data)").SelectOptionAsync("encodingFormat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("The key must start with a lower-case letter");
        Assert.Equal("File format", await page.GetByLabel("Label").InputValueAsync());
        Assert.Equal("PDF\nEPUB", await page.GetByLabel("Choices (for “Choice from a list”, one a line)").InputValueAsync());
        await page.GetByLabel("Key").FillAsync("file_format");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("The product field “File format” was added.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move File format up" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("“File format” is now number 1");
        await Assertions.Expect(page.Locator("table").First.Locator("tbody tr").First).ToContainTextAsync("File format");

        await page.GotoAsync("/admin/products/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "More about this product" })).ToBeVisibleAsync();
        await page.GetByLabel("File format").SelectOptionAsync("EPUB");
        await page.GetByLabel("Author").FillAsync("Ada Byron");
        Assert.Empty(errors);
        app.Logs.AssertNoErrors();
    }

    private static async Task AddAsync(IPage page, string label, string key, string type)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New product field" }).ClickAsync();
        await page.GetByLabel("Label").FillAsync(label);
        await page.GetByLabel("Key").FillAsync(key);
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = type });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync($"“{label}” was added.");
    }
}
