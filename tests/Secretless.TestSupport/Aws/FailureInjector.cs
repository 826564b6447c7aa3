namespace Secretless.TestSupport.Aws;

/// <summary>Errors queued by <see cref="FakeAwsEndpoint.FailNext"/>: the next N calls of an operation fail with a code.</summary>
internal sealed class FailureInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<string>> _pending = new(StringComparer.Ordinal);

    public void Add(string operation, string errorCode, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            if (!_pending.TryGetValue(operation, out var queue))
            {
                queue = new Queue<string>();
                _pending[operation] = queue;
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(errorCode);
            }
        }
    }

    /// <summary>The error code this call must fail with, or null to process it normally.</summary>
    public string? Take(string operation)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(operation, out var queue) && queue.TryDequeue(out var code) ? code : null;
        }
    }
}
