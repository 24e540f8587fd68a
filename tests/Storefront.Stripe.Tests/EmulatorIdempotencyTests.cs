using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>The emulator's idempotency layer in the cases the SDK tests do not reach: races and refused requests.</summary>
public sealed class EmulatorIdempotencyTests
{
    private const string Session =
        "mode=payment&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2900" +
        "&line_items[0][price_data][product_data][name]=Guide&line_items[0][quantity]=1";

    [Fact]
    public async Task ConcurrentRequestsWithOneIdempotencyKeyNeverCreateTwoSessions()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var http = Http(emulator.BaseUrl);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync(http, Session, "race-key")));

        var created = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body.GetProperty("id").GetString()).Distinct();
        Assert.Single(created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal("idempotency_key_in_use", a.Body.GetProperty("error").GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task ARequestRefusedByValidationDoesNotUseUpItsIdempotencyKey()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var http = Http(emulator.BaseUrl);

        var refused = await PostAsync(http, "mode=payment", "fix-and-retry");
        var corrected = await PostAsync(http, Session, "fix-and-retry");
        var replayed = await PostAsync(http, Session, "fix-and-retry");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        Assert.Equal(corrected.Body.GetProperty("id").GetString(), replayed.Body.GetProperty("id").GetString());
        Assert.Equal("true", replayed.Replayed);
        Assert.Null(corrected.Replayed);
    }

    [Fact]
    public async Task AKeyReusedOnAnotherEndpointIsAnIdempotencyError()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var http = Http(emulator.BaseUrl);
        var session = await PostAsync(http, Session, "one-key");

        var expire = await PostAsync(http, "", "one-key", $"/v1/checkout/sessions/{session.Body.GetProperty("id").GetString()}/expire");

        Assert.Equal(HttpStatusCode.BadRequest, expire.Status);
        Assert.Equal("idempotency_error", expire.Body.GetProperty("error").GetProperty("type").GetString());
    }

    private static HttpClient Http(Uri baseUrl)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEmulator.ApiKey);
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? Replayed)> PostAsync(HttpClient http, string form, string key,
        string path = "/v1/checkout/sessions")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body, response.Headers.TryGetValues("Idempotent-Replayed", out var v) ? v.Single() : null);
    }
}
