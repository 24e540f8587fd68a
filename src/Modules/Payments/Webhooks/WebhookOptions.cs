namespace Storefront.Payments.Webhooks;

/// <summary>The <c>Webhooks</c> section: how the inbox of Stripe events retries, how often its worker looks, how long it keeps them.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Processed events older than this are deleted (env <c>Webhooks__Retention</c>); failed ones are kept until someone acts.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the worker looks for events due a retry or abandoned by an instance that died (env <c>Webhooks__Interval</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts before an event stays failed until someone processes it again from the admin.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The pause after the first failure; it doubles after each one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an instance holds an event it is processing; a claim left by an instance that died is taken over after it.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Stripe's own records keep events for 30 days; a week is the least that still lets an operator look into a complaint.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(7);

    public bool IsValid => Retention >= MinimumRetention && Interval >= TimeSpan.FromSeconds(1) && MaxAttempts >= 1
        && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && ClaimTimeout >= TimeSpan.FromSeconds(5);

    public const string ValidationMessage = "Webhooks:Retention must be at least 7 days (7.00:00:00), Interval at least a second, MaxAttempts at least 1, "
        + "FirstRetryDelay positive and no longer than MaxRetryDelay, and ClaimTimeout at least 5 seconds.";

    /// <summary>When the attempt after <paramref name="attempts"/> failed ones is due, or never once they are used up.</summary>
    public DateTime? RetryAt(DateTime now, int attempts)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return now + (delay > MaxRetryDelay ? MaxRetryDelay : delay);
    }
}
