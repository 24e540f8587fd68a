using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Storefront.StripeEmulator;

/// <summary>
/// Delivers events as Stripe does: POST of the JSON body with
/// <c>Stripe-Signature: t=&lt;unix&gt;,v1=hex(HMAC-SHA256(secret, "&lt;t&gt;." + body))</c>, any 2xx counts as
/// received, anything else (or no answer) is retried with a doubling pause, a bounded number of times.
/// </summary>
internal sealed class WebhookDispatcher(StripeEmulatorOptions options, StripeEmulatorState state,
    IHttpClientFactory clients, ILogger<WebhookDispatcher> logger)
{
    public const string ClientName = "Storefront.StripeEmulator.Webhooks";

    /// <summary>Records the event and delivers it before returning (the hosted page redirects only afterwards).</summary>
    public async Task<WebhookDelivery?> PublishAsync(EmulatedEvent evt, CancellationToken cancellationToken = default)
    {
        lock (state.Gate)
        {
            state.EventLog.Add(evt);
        }

        return options.WebhookUrl is null ? null : await DeliverAsync(evt, cancellationToken);
    }

    /// <summary>For events caused by an API call: Stripe answers the call first and delivers afterwards.</summary>
    public void PublishInBackground(EmulatedEvent evt) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await PublishAsync(evt);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Delivering {EventId} failed", evt.Id);
            }
        });

    public async Task<WebhookDelivery> DeliverAsync(EmulatedEvent evt, CancellationToken cancellationToken = default)
    {
        var attempts = new List<WebhookAttempt>();
        var pause = options.WebhookRetryDelay;
        var http = clients.CreateClient(ClientName);
        for (var attempt = 1; attempt <= Math.Max(1, options.WebhookMaxAttempts); attempt++)
        {
            var result = await AttemptAsync(http, evt, cancellationToken);
            attempts.Add(result);
            if (result.Status is >= 200 and < 300)
            {
                break;
            }

            logger.LogInformation("Webhook {EventId} attempt {Attempt} failed: {Status} {Error}", evt.Id, attempt, result.Status, result.Error);
            if (attempt < options.WebhookMaxAttempts)
            {
                await Task.Delay(pause, cancellationToken);
                pause *= 2;
            }
        }

        var delivery = new WebhookDelivery(evt.Id, evt.Type, attempts, attempts[^1].Status is >= 200 and < 300);
        state.Record(delivery);
        return delivery;
    }

    public static string SignatureHeader(byte[] body, string secret, long timestamp)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(signature)}";
    }

    private async Task<WebhookAttempt> AttemptAsync(HttpClient http, EmulatedEvent evt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl);
        request.Content = new ByteArrayContent(evt.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        // Each attempt is signed with its own time, so a retry hours later still passes a 5-minute tolerance.
        request.Headers.TryAddWithoutValidation("Stripe-Signature", SignatureHeader(evt.Body, options.WebhookSecret, StripeIds.Now()));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return new WebhookAttempt(options.Time.GetUtcNow(), (int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new WebhookAttempt(options.Time.GetUtcNow(), null, ex.Message);
        }
    }
}
