using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed class ProductAdminTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ASlugAlreadyUsedByAnotherProductIsRefusedWithAClearMessage(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Field Guide"));

        var duplicate = await AdminRequests.SaveProductAsync(editor, "Another Guide", slug: "field-guide");

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("The slug 'field-guide' is already used by “Field Guide”. Choose another.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SavesOfOneProductAtTheSameMomentEachSaveOrSayWhyNeverFail(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Race Guide"));
        var refused = 0;

        // Two editors (or one double click) saving at once both number the product's next version the same; the
        // version's unique index lets one win, and the other is told to look and save again.
        for (var round = 0; round < 8; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
                AdminRequests.SaveProductAsync(editor, $"Race Guide {round}.{i}", slug: "race-guide", path: $"/admin/products/{id}")));
            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK,
                    $"A save was answered {(int)answer.StatusCode}. The server logged:\n{string.Join("\n---\n", app.Logs.Errors)}");
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Contains("Someone else saved this product at the same moment", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
                    refused++;
                }
            }
        }

        var versions = await app.WithDbAsync(c => c.Set<Storefront.Catalog.Versions.ProductVersion>().Where(v => v.ProductId == id).Select(v => v.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Order());
        Assert.Equal(1 + (8 * 3) - refused, versions.Count);
        // The search index holds the product once, whichever save wrote it last.
        Assert.Equal(1, await app.WithDbAsync(c => c.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM catalog_search").SingleAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("29.00", "usd", 2900)]
    [InlineData("2900", "jpy", 2900)]
    [InlineData("19.99", "eur", 1999)]
    [InlineData("0.1", "usd", 10)]
    [InlineData("7", "gbp", 700)]
    public async Task APriceInMajorUnitsIsStoredExactlyInTheCurrencysMinorUnit(string price, string currency, long minor)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Priced Guide", price: price, currency: currency));

        var product = await app.WithDbAsync(c => c.Set<Product>().SingleAsync(p => p.Id == id));
        Assert.Equal(minor, product.PriceMinor);
        Assert.Equal(currency, product.Currency);
    }

    [Theory]
    [InlineData("-5.00", "usd", "The price cannot be negative.")]
    [InlineData("29.001", "usd", "USD has 2 decimal places")]
    [InlineData("29.5", "jpy", "JPY has no minor unit")]
    [InlineData("twenty", "usd", "Enter the price as a number such as 29.00.")]
    [InlineData("1e3", "usd", "Enter the price as a number such as 29.00.")]
    [InlineData("99999999999999999999", "usd", "The price is too high: at most $999,999.99.")]
    [InlineData("1000000", "usd", "The price is too high: at most $999,999.99.")]
    [InlineData("٢٩", "usd", "Enter the price as a number such as 29.00.")]
    public async Task ANegativeOrMalformedPriceIsRefusedWithAClearMessageAndNothingIsSaved(string price, string currency, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await AdminRequests.SaveProductAsync(editor, "Priced Guide", price: price, currency: currency);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task DeletingAProductThatHasAnOrderArchivesItAndTheStorefrontNoLongerShowsIt(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        var sold = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Sold Guide", published: true, masterKey: master));
        var unsold = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Unsold Guide", published: true, masterKey: master));
        await app.WithDbAsync(c =>
        {
            c.Add(new Order { Number = 1001, ProductId = sold, ProductTitle = "Sold Guide", AmountMinor = 2900, Currency = "usd", Status = OrderStatus.Paid,
                CreatedAt = DateTime.UtcNow });
            return c.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/products/sold-guide")).StatusCode);

        var archived = await editor.PostFormAsync($"/admin/products/{sold}/delete", []);
        var deleted = await editor.PostFormAsync($"/admin/products/{unsold}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var remaining = await app.WithDbAsync(c => c.Set<Product>().ToListAsync());
        var kept = Assert.Single(remaining);
        Assert.Equal(sold, kept.Id);
        Assert.NotNull(kept.ArchivedAt);
        Assert.False(kept.Published);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/products/sold-guide")).StatusCode);
        Assert.DoesNotContain("Sold Guide", await editor.Client.GetStringAsync("/"));
        var flash = await editor.Client.GetStringAsync("/admin/products");
        Assert.Contains("Sold Guide", flash);
        var actions = await app.WithDbAsync(c => c.Set<AuditEntry>().Select(e => e.Action).ToListAsync());
        Assert.Contains("product.archived", actions);
        Assert.Contains("product.deleted", actions);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ADraftIsHiddenFromTheStorefrontButItsPreviewShowsTheProductPageToEditorsOnly()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Draft Guide", description: "Chapter **one**"));

        var preview = await editor.Client.GetAsync($"/admin/products/{id}/preview");
        var anonymous = await app.CreateHttpClient().GetAsync($"/admin/products/{id}/preview");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<h1 id=\"product-title\">Draft Guide</h1>", html);
        Assert.Contains("<strong>one</strong>", html);
        Assert.Contains("a draft", html);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/products/draft-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/admin/account/sign-in", anonymous.Headers.Location!.OriginalString);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("", "usd", "Enter a title of at most 200 characters.")]
    [InlineData("   ", "usd", "Enter a title of at most 200 characters.")]
    [InlineData("Bell\u0007 Guide", "usd", "The title holds an invisible control character")]
    [InlineData("Priced Guide", "", "Enter the currency as a three-letter ISO 4217 code such as usd.")]
    [InlineData("Priced Guide", "eru", "Enter the currency as a three-letter ISO 4217 code such as usd.")]
    [InlineData("Priced Guide", "xau", "Enter the currency as a three-letter ISO 4217 code such as usd.")]
    public async Task AnEmptyTitleOrCurrencyIsRefusedWithAMessageAndWhatWasTypedStays(string title, string currency, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await AdminRequests.SaveProductAsync(editor, title, price: "12.50", currency: currency, description: "Kept *as typed*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html);
        Assert.Contains("Kept *as typed*", html);
        Assert.Contains("value=\"12.50\"", html);
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    /// <summary>
    /// A description past the limit is told so, with everything typed kept, however long it is: past the 4 MB a form field
    /// is read by default, it used to end in a bare 400 that lost the whole form.
    /// </summary>
    [Theory]
    [InlineData(1_000_001, "1,000,001")]
    [InlineData(4_300_000, "4,300,000")]
    public async Task AnOverlongDescriptionIsRefusedWithItsLengthAndWhatWasTypedStays(int length, string shown)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await AdminRequests.SaveProductAsync(editor, "Long Guide", price: "12.50", description: new string('a', length));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"The description can be at most 1,000,000 characters; this one has {shown}.", html);
        Assert.Contains("value=\"Long Guide\"", html);
        Assert.Contains(new string('a', length), html);
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task PublishingWithoutAMasterFileIsRefusedBecauseBuyersWouldReceiveNothing()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await AdminRequests.SaveProductAsync(editor, "Empty Guide", published: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Upload a master file before publishing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheProductListSearchesFiltersByStatusAndPages()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        await app.WithDbAsync(c =>
        {
            for (var i = 0; i < 25; i++)
            {
                c.Add(new Product
                {
                    Slug = $"guide-{i:00}", Title = $"Guide {i:00}", Published = i % 2 == 0, ArchivedAt = i == 7 ? DateTime.UtcNow : null,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
            }

            c.Add(new Product { Slug = "soldering", Title = "Soldering Handbook", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return c.SaveChangesAsync();
        });

        var firstPage = await editor.Client.GetStringAsync("/admin/products");
        var secondPage = await editor.Client.GetStringAsync("/admin/products?p=2");
        var search = await editor.Client.GetStringAsync("/admin/products?q=SOLDER");
        var bySlug = await editor.Client.GetStringAsync("/admin/products?q=guide-1");
        var archived = await editor.Client.GetStringAsync("/admin/products?status=archived");
        var drafts = await editor.Client.GetStringAsync("/admin/products?status=draft");

        Assert.Contains("Page 1 of 2", firstPage);
        Assert.Contains("Guide 00", firstPage);
        Assert.DoesNotContain("Soldering Handbook", firstPage);
        Assert.Contains("Soldering Handbook", secondPage);
        Assert.Contains("Soldering Handbook", search);
        Assert.DoesNotContain("Guide 00", search);
        Assert.Contains("Guide 19", bySlug);
        Assert.DoesNotContain("Guide 20", bySlug);
        Assert.Contains("Guide 07", archived);
        Assert.DoesNotContain("Guide 09", archived);
        Assert.Contains("Guide 09", drafts);
        Assert.DoesNotContain("Guide 07", drafts);
        Assert.DoesNotContain("Guide 08", drafts);
    }
}
