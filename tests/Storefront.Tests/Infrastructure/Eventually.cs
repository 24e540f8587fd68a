namespace Storefront.Tests.Infrastructure;

/// <summary>For what the app does on its own schedule: after answering, on another instance, on a poll.</summary>
public static class Eventually
{
    /// <summary>
    /// Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/> (the idle-machine base,
    /// stretched by the machine's load); returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var limit = Patience.For(TimeSpan.FromSeconds(seconds));
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow - started < limit, $"{what} did not happen within {Patience.Describe(limit)}.");
            await Task.Delay(50);
        }

        return DateTime.UtcNow - started;
    }
}
