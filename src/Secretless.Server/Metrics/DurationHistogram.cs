namespace Secretless.Server.Metrics;

/// <summary>
/// A lock-free fixed-bucket histogram of durations in seconds (Prometheus semantics: each bucket
/// counts observations ≤ its upper bound, cumulated when written).
/// </summary>
internal sealed class DurationHistogram
{
    /// <summary>Upper bounds in seconds; provisioning is expected in single-digit milliseconds.</summary>
    public static readonly double[] UpperBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _bucketCounts = new long[UpperBounds.Length + 1];
    private long _count;
    private long _sumTicks;

    public void Record(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var index = 0;
        while (index < UpperBounds.Length && seconds > UpperBounds[index])
        {
            index++;
        }

        Interlocked.Increment(ref _bucketCounts[index]);
        Interlocked.Add(ref _sumTicks, duration.Ticks);
        Interlocked.Increment(ref _count);
    }

    /// <summary>A consistent-enough copy: cumulative bucket counts (last is +Inf), sum, count.</summary>
    public (long[] CumulativeCounts, double SumSeconds, long Count) Snapshot()
    {
        var cumulative = new long[_bucketCounts.Length];
        long running = 0;
        for (var i = 0; i < _bucketCounts.Length; i++)
        {
            running += Interlocked.Read(ref _bucketCounts[i]);
            cumulative[i] = running;
        }

        // Count is the +Inf bucket by definition, so the two always agree in the exposition.
        return (cumulative, TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)).TotalSeconds, running);
    }
}
