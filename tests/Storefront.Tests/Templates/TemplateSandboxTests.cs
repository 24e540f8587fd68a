using System.Diagnostics;
using System.Net;
using Storefront.Testing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

/// <summary>
/// Editor Liquid runs in a sandbox, and a template that cannot be used gives way to the built-in with a warning: the page
/// still answers, quickly, and nothing is logged as an error.
/// </summary>
public sealed class TemplateSandboxTests
{
    private const string Policy = "Instant download after payment";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ASavedTemplateThatNoLongerParsesGivesWayToTheBuiltInWithAWarning(Db db)
    {
        await using var app = await TemplateAdminTests.StartWithBookAsync(db);
        await TemplateAdmin.WriteAsync(app, "product.aside", "<p>{% if product.title %}unclosed</p>");
        using var visitor = app.CreateHttpClient();

        var page = await visitor.GetAsync("/products/book");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Policy, await page.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Warnings, w => w.Contains("product.aside", StringComparison.Ordinal) && w.Contains("does not parse", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")] // a loop that would run for minutes
    [InlineData("{% for i in (1..100000000) %}{% endfor %}")] // the same, writing nothing
    [InlineData("{% assign s = 'xx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}")] // a string doubled past any memory
    [InlineData("{% for a in (1..100) %}{% for b in (1..100) %}{% for c in (1..100) %}{% for d in (1..100) %}{{ d }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}")]
    [InlineData("{{ product.title | divided_by: 0 }}{{ 1 | divided_by: 0 }}")]
    public async Task ATemplateThatFailsOrRunsAwayWhileRenderingGivesWayToTheBuiltInQuickly(string body)
    {
        await using var app = await TemplateAdminTests.StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);
        using var visitor = app.CreateHttpClient();
        // Rendered once first, so the time below is the template's, not the page's first compilation.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/products/book")).StatusCode);
        await TemplateAdmin.SaveAsync(admin, "product.aside", body); // it parses, so the admin takes it

        var clock = Stopwatch.StartNew();
        var page = await visitor.GetAsync("/products/book");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The sandbox stops a render at 1 s; the bound leaves room for a busy machine, not for minutes of looping.
        Assert.True(clock.Elapsed < Patience.For(TimeSpan.FromSeconds(5)), $"The page took {clock.Elapsed}");
        Assert.Contains(Policy, await page.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Warnings, w => w.Contains("product.aside", StringComparison.Ordinal) && w.Contains("failed", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("blocks", "Line 1, column 833: blocks are nested more than 64 deep")]
    [InlineData("brackets", "Line 2, column 81: brackets are nested more than 64 deep")]
    public async Task ATemplateNestedThousandsDeepIsRefusedAndARowWrittenByHandDoesNotStopTheShop(string nesting, string reason)
    {
        // Parsed or rendered, each level is a level of the stack: thousands of them ended the process, not the request.
        var body = nesting == "blocks"
            ? string.Concat(Enumerable.Repeat("{% if true %}", 8000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 8000))
            : "<p>\n{{ product.title" + string.Concat(Enumerable.Repeat("[", 8000)) + "0" + string.Concat(Enumerable.Repeat("]", 8000)) + " }}</p>";
        await using var app = await TemplateAdminTests.StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);

        foreach (var handler in new[] { "Save", "Preview" })
        {
            var refused = await TemplateAdmin.PostAsync(admin, "product.details", body, handler);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(reason, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.details"));

        await TemplateAdmin.WriteAsync(app, "product.details", body);
        using var visitor = app.CreateHttpClient();
        Assert.Contains("<div class=\"product__description\">", await visitor.GetStringAsync("/products/book"));
        Assert.Contains(app.Logs.Warnings, w => w.Contains("product.details", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("{% include '/etc/passwd' %}", "Unknown tag 'include'")]
    [InlineData("{% render '/etc/passwd' %}", "Unknown tag 'render'")]
    [InlineData("{% include '../../appsettings.json' %}", "Unknown tag 'include'")]
    public async Task ATemplateCannotReadFilesTheAdminRefusesItAndARowWrittenByHandIsNotRun(string body, string reason)
    {
        await using var app = await TemplateAdminTests.StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);

        var refused = await TemplateAdmin.PostAsync(admin, "product.details", body);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(reason, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.details"));

        await TemplateAdmin.WriteAsync(app, "product.details", body);
        using var visitor = app.CreateHttpClient();
        var page = await visitor.GetStringAsync("/products/book");
        Assert.DoesNotContain("root:", page);
        Assert.DoesNotContain("ConnectionStrings", page);
        Assert.Contains("<div class=\"product__description\">", page);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task OnlyTheModelsOwnMembersCanBeReadNotThoseOfTheEntityOrOfOtherTypes()
    {
        await using var app = await TemplateAdminTests.StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);
        // MasterKey and Published are the product entity's; a title's Length and a Uri's Host belong to types not on the allow-list.
        await TemplateAdmin.SaveAsync(admin, "product.aside",
            "<p id=\"probe\">[{{ product.master_key }}][{{ product.published }}][{{ product.title.length }}][{{ product.get_type }}][{{ product.title }}]</p>");
        using var visitor = app.CreateHttpClient();

        var page = await visitor.GetStringAsync("/products/book");

        Assert.Contains("<p id=\"probe\">[][][][][Book]</p>", page);
        var receipt = await TemplateAdmin.PostAsync(admin, "email.receipt.text",
            "[{{ receipt.lines.first.download_url.host }}][{{ receipt.lines.first.expires_utc.offset }}][{{ receipt.lines.first.product_title }}]", "Preview");
        Assert.Contains("[][][CAN Bus Field Guide]", await receipt.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }
}
