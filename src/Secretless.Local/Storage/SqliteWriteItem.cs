namespace Secretless.Local.Storage;

/// <summary>
/// One caller's work in the <see cref="SqliteWriteQueue"/>: runs inside a batch, and its task
/// completes only after the batch's COMMIT (or fails with its own exception or the commit's).
/// </summary>
internal abstract class SqliteWriteItem
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>The item's own failure, kept until the batch ends (its writes were rolled back).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// Claims the item for running; false when its caller cancelled first (then it is skipped and
    /// writes nothing).
    /// </summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;

    /// <summary>Runs the work; a throwing item records its exception and rethrows nothing.</summary>
    public bool Run(SqliteWriteContext context)
    {
        try
        {
            Execute(context);
            return true;
        }
#pragma warning disable CA1031 // The exception belongs to this item's caller, not to the batch.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Failure = exception;
            return false;
        }
    }

    /// <summary>After COMMIT: hands the caller its result or its own exception.</summary>
    public void Complete()
    {
        if (Failure is null)
        {
            SetResult();
        }
        else
        {
            SetException(Failure);
        }
    }

    /// <summary>The batch did not commit: the caller gets <paramref name="exception"/> (nothing it wrote is kept).</summary>
    public void Fail(Exception exception) => SetException(Failure ?? exception);

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;

    protected abstract void Execute(SqliteWriteContext context);

    protected abstract void SetResult();

    protected abstract void SetException(Exception exception);
}
