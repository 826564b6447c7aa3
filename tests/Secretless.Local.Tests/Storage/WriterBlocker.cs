using Secretless.Local.Storage;

namespace Secretless.Local.Tests.Storage;

/// <summary>
/// A queued write that holds the writer thread until released, so a test can queue writes behind
/// it and know they share the next batch.
/// </summary>
internal sealed class WriterBlocker
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriterBlocker(SqliteDatabase database)
    {
        Completed = database.WriteAsync(
            _ =>
            {
                _started.TrySetResult();
                _release.Task.Wait(TimeSpan.FromSeconds(30));
                return 0;
            },
            CancellationToken.None);
    }

    /// <summary>Completes once the writer runs the blocker (its batch has begun).</summary>
    public Task Started => _started.Task;

    /// <summary>The blocker's own write (completes after its batch committed).</summary>
    public Task Completed { get; }

    public void Release() => _release.TrySetResult();
}
