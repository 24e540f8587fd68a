namespace Storefront.Tests.Infrastructure;

/// <summary>For what the app does on its own schedule: after answering, on another instance, on a poll.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(seconds), $"{what} did not happen within {seconds} s.");
            await Task.Delay(50);
        }

        return DateTime.UtcNow - started;
    }
}
