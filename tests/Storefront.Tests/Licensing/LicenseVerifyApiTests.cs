using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Licensing.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Licensing;

/// <summary><c>POST /api/licenses/verify</c> as the buyer's software calls it.</summary>
public sealed class LicenseVerifyApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ActivationsCountAgainstTheLimitAndADeactivatedInstanceFreesItsSlot(Db db)
    {
        await using var shop = await LicensedShop.StartAsync(db, activationLimit: 2);
        var (_, issued) = await shop.BuyAsync();
        var key = issued.Key;

        var first = await shop.VerifyAsync(key, "activate", "laptop");
        var again = await shop.VerifyAsync(key, "activate", "laptop");
        var second = await shop.VerifyAsync(key.ToLowerInvariant().Replace("-", " "), "activate", "desktop");
        var third = await shop.VerifyAsync(key, "activate", "server");

        AssertAnswer(first, valid: true, "active", activations: 1, limit: 2);
        AssertAnswer(again, valid: true, "active", activations: 1, limit: 2);
        AssertAnswer(second, valid: true, "active", activations: 2, limit: 2);
        AssertAnswer(third, valid: false, "active", activations: 2, limit: 2);
        Assert.Contains("All 2 activations of this key are in use", third.Body.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, first.Body.GetProperty("reason").ValueKind);
        Assert.Equal(LicensedShop.Slug, first.Body.GetProperty("product").GetString());

        AssertAnswer(await shop.VerifyAsync(key, "check", "laptop"), valid: true, "active", 2, 2);
        AssertAnswer(await shop.VerifyAsync(key, "check"), valid: true, "active", 2, 2);
        var notActivated = await shop.VerifyAsync(key, "check", "server");
        AssertAnswer(notActivated, valid: false, "active", 2, 2);
        Assert.Equal("This instance is not activated; activate it first.", notActivated.Body.GetProperty("reason").GetString());

        AssertAnswer(await shop.VerifyAsync(key, "deactivate", "desktop"), valid: true, "active", 1, 2);
        AssertAnswer(await shop.VerifyAsync(key, "deactivate", "desktop"), valid: true, "active", 1, 2);
        AssertAnswer(await shop.VerifyAsync(key, "activate", "server"), valid: true, "active", 2, 2);
        AssertAnswer(await shop.VerifyAsync(key, "check", "desktop"), valid: false, "active", 2, 2);

        var instances = await shop.App.WithDbAsync(d => d.Set<LicenseActivation>().OrderBy(a => a.Instance).Select(a => a.Instance).ToListAsync());
        Assert.Equal(["laptop", "server"], instances);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnUnknownKeyAndAKeyOfAnotherProductAreBothJustNotValidForThisProduct()
    {
        await using var shop = await LicensedShop.StartAsync();
        var (_, issued) = await shop.BuyAsync();

        var unknown = await shop.VerifyAsync("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", "activate", "laptop");
        var garbage = await shop.VerifyAsync("not a key at all", "check");
        var otherProduct = await shop.VerifyAsync(issued.Key, "activate", "laptop", product: "another-product");

        foreach (var answer in new[] { unknown, garbage })
        {
            AssertAnswer(answer, valid: false, "invalid", null, null);
            Assert.Equal("This key is not valid for this product.", answer.Body.GetProperty("reason").GetString());
        }

        AssertAnswer(otherProduct, valid: false, "invalid", null, null);
        Assert.Equal(unknown.Body.GetProperty("reason").GetString(), otherProduct.Body.GetProperty("reason").GetString());
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<LicenseActivation>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task BadInputIsRefusedWithA400AndAClearJsonErrorNeverA500()
    {
        await using var shop = await LicensedShop.StartAsync();
        using var client = shop.App.CreateHttpClient();
        var cases = new (string Body, string Error, string Message)[]
        {
            ("{not json", "invalid_json", "The body is not valid JSON."),
            ("[1, 2]", "invalid_request", "The body must be a JSON object"),
            ("""{"product": "field-guide", "action": "check"}""", "invalid_request", "\"key\" is required."),
            ("""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "action": "check"}""", "invalid_request", "\"product\" is required."),
            ("""{"key": 42, "product": "field-guide", "action": "check"}""", "invalid_request", "\"key\" must be a non-empty string."),
            ("""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "product": "field-guide"}""", "invalid_request", "\"action\" is required."),
            ("""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "product": "field-guide", "action": "launch"}""", "invalid_request", "\"action\" must be \"activate\", \"check\" or \"deactivate\""),
            ("""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "product": "field-guide", "action": "activate"}""", "invalid_request", "\"instance\" is required to activate"),
            ($$"""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "product": "field-guide", "action": "activate", "instance": "{{new string('x', 201)}}"}""", "invalid_request", "\"instance\" must be at most 200 characters."),
            ("""{"key": "\ud800", "product": "field-guide", "action": "check"}""", "invalid_request", "\"key\" holds an incomplete character"),
            ("""{"key": "AAAAA-AAAAA-AAAAA-AAAAA", "product": "field-guide", "action": "check", "instance": "a\udc00"}""", "invalid_request", "\"instance\" holds an incomplete character"),
        };

        foreach (var (body, error, message) in cases)
        {
            using var response = await client.PostAsync("/api/licenses/verify", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await LicensedShop.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode}");
            Assert.Equal(error, answer.GetProperty("error").GetString());
            Assert.Contains(message, answer.GetProperty("message").GetString());
        }

        using var form = await client.PostAsync("/api/licenses/verify", new StringContent("key=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("Send the request as JSON", (await LicensedShop.ReadAsync(form)).GetProperty("message").GetString());
        using var huge = await client.PostAsync("/api/licenses/verify", new StringContent($$"""{"key": "{{new string('A', 5000)}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AHundredConcurrentActivationsOfDistinctInstancesAdmitExactlyTheLimit(Db db)
    {
        const int limit = 7;
        await using var shop = await LicensedShop.StartAsync(db, activationLimit: limit);
        var (_, issued) = await shop.BuyAsync();
        using var client = shop.App.CreateHttpClient();
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, 100).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await client.PostAsync("/api/licenses/verify", new StringContent(
                JsonSerializer.Serialize(new { key = issued.Key, product = LicensedShop.Slug, instance = $"machine-{i}", action = "activate" }),
                Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await LicensedShop.ReadAsync(response)).GetProperty("valid").GetBoolean();
        }).ToList();
        start.Release(100);
        var answers = await Task.WhenAll(requests);

        Assert.Equal(limit, answers.Count(valid => valid));
        Assert.Equal(limit, await shop.App.WithDbAsync(d => d.Set<LicenseActivation>().CountAsync()));
        Assert.Equal(limit, (await shop.App.WithDbAsync(d => d.Set<LicenseKey>().AsNoTracking().SingleAsync())).Activations);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheApiIsRateLimitedPerAddressAndSaysSoInJson()
    {
        await using var shop = await LicensedShop.StartAsync(overrides: new Dictionary<string, string?> { ["RateLimits:Licenses:PermitLimit"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await shop.VerifyAsync("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", "check")).Status);
        }

        var refused = await shop.VerifyAsync("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", "check");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("too_many_requests", refused.Body.GetProperty("error").GetString());
        shop.App.Logs.AssertNoErrors();
    }

    private static void AssertAnswer((HttpStatusCode Status, JsonElement Body) answer, bool valid, string status, int? activations, int? limit)
    {
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var body = answer.Body;
        Assert.Equal(
            (valid, status, activations, limit),
            (body.GetProperty("valid").GetBoolean(), body.GetProperty("status").GetString(), Number(body, "activations"), Number(body, "limit")));
    }

    private static int? Number(JsonElement body, string field) =>
        body.GetProperty(field).ValueKind == JsonValueKind.Null ? null : body.GetProperty(field).GetInt32();
}
