namespace Storefront.Core.Data;

/// <summary>
/// Completes once the schema is migrated (and first-start setup has run). Requests and background
/// work wait for it, because the host may start listening before its hosted services have finished.
/// </summary>
public sealed class StartupBarrier
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => ready.Task;

    public void Open() => ready.TrySetResult();

    public void Fail(Exception exception) => ready.TrySetException(exception);
}
