namespace Secretless.Local.Storage;

/// <summary>A <see cref="SqliteWriteItem"/> with a result of type <typeparamref name="T"/>.</summary>
internal sealed class SqliteWriteItem<T> : SqliteWriteItem, IDisposable
{
    private readonly Func<SqliteWriteContext, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private T? _result;

    public SqliteWriteItem(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellationToken = cancellationToken;
    }

    public Task<T> Task => _completion.Task;

    /// <summary>
    /// Lets the caller stop waiting at once while the item is still queued; once it runs, its
    /// writes commit and the caller is answered normally.
    /// </summary>
    public void ListenForCancellation()
    {
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.UnsafeRegister(
                static state => ((SqliteWriteItem<T>)state!).CancelIfQueued(),
                this);
        }
    }

    public void Dispose() => _registration.Dispose();

    protected override void Execute(SqliteWriteContext context) => _result = _work(context);

    protected override void SetResult()
    {
        _registration.Dispose();
        _completion.TrySetResult(_result!);
    }

    protected override void SetException(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void CancelIfQueued()
    {
        if (TryCancel())
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
    }
}
