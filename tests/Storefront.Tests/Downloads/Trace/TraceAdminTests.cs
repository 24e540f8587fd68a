using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Trace;

/// <summary>"Trace a leak" in the admin: the upload form, the answer, the refusals, the permission and the audit.</summary>
public sealed class TraceAdminTests : BrowserTest
{
    private const string Buyer = "leaker@example.com";

    [Fact]
    public async Task AnAdministratorUploadsALeakedCopyAndSeesTheBuyerAndDeliveries()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var entitlement = await leak.EntitlementOfAsync(Buyer);
        using var admin = await AdminSession.SignInAsync(leak.Shop.App);

        var html = await (await UploadAsync(admin, await leak.LaunderAsync("one page extracted", leak.Copy), "found.pdf", "application/pdf")).Content.ReadAsStringAsync();

        Assert.Contains($"Traced to order {entitlement.OrderNumber}: Lee Leaker &lt;{Buyer}&gt;", html);
        Assert.Contains($"<code>{entitlement.LicenseCode}</code>", html);
        Assert.Contains("Strong: an invisible mark unique to this copy", html);
        Assert.Contains(WebUtility.HtmlEncode(LeakedCopy.UserAgent), html);
        var audit = await leak.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "leak.traced"));
        Assert.StartsWith("administrator-", audit.UserName);
        Assert.Contains("found.pdf", audit.Details);

        var notPdf = await (await UploadAsync(admin, TestRecipe.Png(8, 8), "photo.pdf", "application/pdf")).Content.ReadAsStringAsync();
        Assert.Contains("This file is not a PDF, so it cannot be traced.", notPdf);
        var locked = await (await UploadAsync(admin, await leak.LaunderAsync("password", leak.Copy), "locked.pdf", "application/pdf")).Content.ReadAsStringAsync();
        Assert.Contains("protected by a password", locked);
        var nothing = await (await UploadAsync(admin, [], "empty.pdf", "application/pdf")).Content.ReadAsStringAsync();
        Assert.Contains("Choose the PDF to trace.", nothing);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorCannotTraceLeaks()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        using var editor = await AdminSession.SignInAsync(leak.Shop.App, AdminRoles.Editor);

        using var response = await editor.GetAsync("/admin/trace");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Trace a leak", await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheTracePageWorksInABrowser()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var entitlement = await leak.EntitlementOfAsync(Buyer);
        await File.WriteAllBytesAsync(leak.Folder.File("found.pdf"), leak.Copy);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = leak.Shop.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminSession.SignInAsync(page, leak.Shop.App);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Trace a leak" }).ClickAsync();
        await page.GetByLabel("PDF file").SetInputFilesAsync(leak.Folder.File("found.pdf"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Trace" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traced", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Traced to order {entitlement.OrderNumber}");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(LeakedCopy.UserAgent);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name, string type)
    {
        var token = await AdminSession.AntiforgeryTokenAsync(client, "/admin/trace");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(part, "Suspect", name);
        var response = await client.PostAsync("/admin/trace", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
