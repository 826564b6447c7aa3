namespace Secretless.TestSupport.Lambda;

/// <summary>An invocation queued in <see cref="LambdaRuntimeApiEmulator"/> until the function answers it.</summary>
internal sealed class PendingInvocation(string requestId, byte[] eventJson, DateTimeOffset deadline)
{
    private volatile bool _abandoned;

    public string RequestId { get; } = requestId;

    public byte[] Event { get; } = eventJson;

    public DateTimeOffset Deadline { get; } = deadline;

    public TaskCompletionSource<LambdaInvocation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The caller stopped waiting (timeout): a later poll skips it.</summary>
    public bool Abandoned
    {
        get => _abandoned;
        set => _abandoned = value;
    }
}
