using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>
/// Layout rules that hold on any machine whatever its fonts: the admin's top bar and menu entries stay on one line at
/// 1280 px, every checkbox and radio sits on its label's row, no control is narrower than its kind needs, exactly one
/// menu entry is current, and no page scrolls sideways on a 375 px phone.
/// </summary>
public sealed class AdminLayoutTests : BrowserTest
{
    private const string DesktopRules = """
        () => {
          const problems = [];
          const middle = r => (r.top + r.bottom) / 2;
          // Text that wraps has line boxes one line-height apart; a badge beside the text shares its middle.
          const oneLine = el => { const r = document.createRange(); r.selectNodeContents(el); const m = [...r.getClientRects()].filter(x => x.width > 0).map(middle); return Math.max(...m) - Math.min(...m) < 8; };
          const header = document.querySelector('.admin-header');
          const parts = [...header.children].filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect());
          if (Math.max(...parts.map(middle)) - Math.min(...parts.map(middle)) > 6) problems.push('the top bar wraps onto a second line');
          header.querySelectorAll('a, button').forEach(e => { if (!oneLine(e)) problems.push('top bar item wraps: ' + e.textContent.trim()); });
          document.querySelectorAll('#admin-nav a').forEach(e => { if (!oneLine(e)) problems.push('menu entry wraps: ' + e.textContent.trim()); });
          const current = document.querySelectorAll('[aria-current="page"]');
          if (current.length !== 1) problems.push(`${current.length} entries are marked current`);
          document.querySelectorAll('main input[type=checkbox], main input[type=radio]').forEach(box => {
            if (box.getClientRects().length === 0) return;
            const label = box.labels?.[0];
            if (!label) { problems.push('no label for ' + (box.id || box.name)); return; }
            const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
            if (middle(b) < l.top || middle(b) > l.bottom || l.left < b.right - 1) problems.push(`${box.id || box.name} is not beside its label`);
          });
          document.querySelectorAll('main input, main select, main textarea').forEach(c => {
            if (c.type === 'hidden' || c.type === 'file' || c.type === 'checkbox' || c.type === 'radio' || c.getClientRects().length === 0 || c.closest('td')) return;
            const mode = c.getAttribute('inputmode');
            const min = c.maxLength > 0 && c.maxLength <= 3 ? 56
              : c.type === 'number' || mode === 'numeric' || mode === 'decimal' ? 96
              : c.tagName === 'SELECT' ? 150
              : c.type === 'datetime-local' || c.type === 'date' ? 150
              : c.readOnly ? 160
              : 280;
            const width = c.getBoundingClientRect().width;
            if (width < min) problems.push(`${c.id || c.name} is ${Math.round(width)}px wide, less than the ${min}px its kind needs`);
          });
          return problems;
        }
        """;

    private const string NoSidewaysScroll = """
        () => document.documentElement.scrollWidth > window.innerWidth + 1
          ? [`page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`] : []
        """;

    [Fact]
    public async Task EveryAdminPageKeepsItsLayoutRulesAtDesktopAndPhoneWidths()
    {
        await using var shop = await AccessibilityAuditTests.StartShopAsync("Storefront");
        await shop.BuyAsync("noor@example.com", "Noor Haddad");
        var (page, _) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);
        var paths = await AccessibilityAuditTests.AdminPagesAsync(page);
        var problems = new List<string>();

        foreach (var (width, rules) in new[] { (1280, DesktopRules), (1024, DesktopRules), (375, NoSidewaysScroll) })
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var path in paths.Concat(["/", "/products/field-guide", "/pages/about", "/cart", "/search?q=guide", "/categories/electronics", "/tags/beginner"]))
            {
                await page.GotoAsync(path);
                // The preview shows the product in the storefront theme, not the admin layout.
                var rulesHere = path.StartsWith("/admin", StringComparison.Ordinal) && !path.EndsWith("/preview", StringComparison.Ordinal) ? rules : NoSidewaysScroll;
                problems.AddRange((await page.EvaluateAsync<string[]>(rulesHere)).Select(p => $"{path} at {width}px: {p}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task OnAPhoneTheMenuFoldsBehindAButtonThatSaysWhetherItIsOpen()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (page, _) = await AdminLogin.PageAsync(Browser, app, AdminRoles.Administrator);
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync("/admin/settings");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" });

        Assert.Equal("false", await button.GetAttributeAsync("aria-expanded"));
        Assert.False(await menu.IsVisibleAsync());
        await button.ClickAsync();
        Assert.Equal("true", await button.GetAttributeAsync("aria-expanded"));
        var current = menu.Locator("[aria-current=page]");
        Assert.Equal("Settings", await current.InnerTextAsync());
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await menu.IsVisibleAsync());

        await page.SetViewportSizeAsync(1280, 800);
        Assert.True(await menu.IsVisibleAsync());
        Assert.False(await button.IsVisibleAsync());
        var withoutScript = await (await Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false, ViewportSize = new() { Width = 375, Height = 740 },
            StorageState = await page.Context.StorageStateAsync(),
        })).NewPageAsync();
        await withoutScript.GotoAsync("/admin/settings");
        Assert.True(await withoutScript.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Orders" }).IsVisibleAsync());
        Assert.Equal(0, await withoutScript.GetByRole(AriaRole.Button, new() { Name = "Menu" }).CountAsync());
        app.Logs.AssertNoErrors();
    }
}
