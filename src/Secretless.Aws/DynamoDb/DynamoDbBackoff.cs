namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Waits before re-sending a batch's unprocessed items: exponential growth up to 5 s with "equal
/// jitter" (a uniformly random wait between half the cap and the cap), so parallel batches that
/// were throttled together do not come back together, yet every retry really waits.
/// </summary>
internal static class DynamoDbBackoff
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var capTicks = Math.Min(baseDelay.Ticks << exponent, MaxDelay.Ticks);
        return TimeSpan.FromTicks(Random.Shared.NextInt64(capTicks / 2, capTicks + 1));
    }
}
