namespace Secretless.Aws.Tests.Http;

/// <summary>A clock that moves one second forward every time it is read, so each signature gets its own x-amz-date.</summary>
internal sealed class AdvancingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _reads;

    public override DateTimeOffset GetUtcNow() => start.AddSeconds(Interlocked.Increment(ref _reads) - 1);
}
