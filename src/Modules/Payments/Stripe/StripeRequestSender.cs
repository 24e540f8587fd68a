using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Storefront.Payments.Stripe;

/// <summary>
/// One Stripe call: headers, retries and error mapping. A POST is retried only with the same
/// <c>Idempotency-Key</c>, so Stripe answers a retry of a request it already executed with the saved
/// result instead of charging or creating twice.
/// </summary>
internal sealed class StripeRequestSender(HttpClient http, StripeOptions options, ILogger logger)
{
    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = BuildRequest(method, path, form, idempotencyKey);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
            {
                if (attempt < options.MaxNetworkRetries)
                {
                    logger.LogWarning("Stripe {Method} {Path} failed on the network ({Error}); retry {Retry}", method, path, ex.Message, attempt + 1);
                    await Task.Delay(Backoff(attempt, null), cancellationToken);
                    continue;
                }

                throw new StripeException(null, "connection_error",
                    $"No answer from Stripe for {method} {path} after {attempt + 1} attempt(s): {ex.Message}", inner: ex);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonSerializer.Deserialize<T>(body, StripeJson.Options)
                        ?? throw new StripeException(response.StatusCode, "api_error", $"Stripe answered {method} {path} with JSON null.");
                }

                var error = MapError(response, body);
                if (attempt < options.MaxNetworkRetries && ShouldRetry(response))
                {
                    logger.LogWarning("Stripe {Method} {Path} answered {Status} ({RequestId}); retry {Retry}",
                        method, path, (int)response.StatusCode, error.RequestId, attempt + 1);
                    await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken);
                    continue;
                }

                throw error;
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, string? form, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
        request.Headers.TryAddWithoutValidation("Stripe-Version", options.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return request;
    }

    // A timeout (TaskCanceledException without the caller cancelling) is a network failure too.
    private static bool IsNetworkFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    // 429 and 5xx only: a 4xx other than 429 is Stripe's considered answer, and repeating it changes nothing.
    // Stripe-Should-Retry: false means a retry would replay the same saved result.
    private static bool ShouldRetry(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var advice) && advice.FirstOrDefault() == "false")
        {
            return false;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }

    // Exponential backoff with jitter in [d/2, d] (as Stripe's SDKs do), so clients that failed together do not retry together.
    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var ceiling = Math.Min(options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, attempt), options.MaxRetryDelay.TotalMilliseconds);
        var delay = ceiling * (0.5 + Random.Shared.NextDouble() / 2);
        if (retryAfter?.Delta is { } asked)
        {
            delay = Math.Max(delay, Math.Min(asked.TotalMilliseconds, options.MaxRetryDelay.TotalMilliseconds));
        }

        return TimeSpan.FromMilliseconds(delay);
    }

    private static StripeException MapError(HttpResponseMessage response, string body)
    {
        var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new StripeException(response.StatusCode,
                    Text(error, "type") ?? "api_error",
                    Text(error, "message") ?? $"Stripe answered {(int)response.StatusCode} without a message.",
                    Text(error, "code"), Text(error, "decline_code"), Text(error, "param"), requestId);
            }
        }
        catch (JsonException)
        {
            // Not Stripe's error shape (a proxy's HTML page, a truncated body): reported below.
        }

        return new StripeException(response.StatusCode, "api_error",
            $"Stripe answered {(int)response.StatusCode} with a body that is not a Stripe error.", requestId: requestId);
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
