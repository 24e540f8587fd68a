namespace Storefront.Downloads.Entitlements;

/// <summary>
/// On SQLite, one writer at a time: the ledger's transactions take turns here before they begin. SQLite lets a single
/// writer in and makes every other one sleep and retry inside its busy handler (1, 2, 5, 10… ms), so copies racing for
/// the file wait far longer than the write takes and more connections serve fewer copies. Waiting here instead wakes
/// the next copy the moment the one before commits. PostgreSQL locks rows and needs no turns.
/// </summary>
public sealed class LedgerWriteTurns
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public async ValueTask<Turn> TakeAsync(bool sqlite, CancellationToken cancellationToken)
    {
        if (!sqlite)
        {
            return default;
        }
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
