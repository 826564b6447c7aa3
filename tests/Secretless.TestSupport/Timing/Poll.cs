using Xunit;

namespace Secretless.TestSupport.Timing;

/// <summary>Waits for a condition another process or thread makes true.</summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds, checking it every <paramref name="interval"/>
    /// (100 ms unless given); fails the test after <paramref name="timeout"/>, with
    /// <paramref name="lastState"/> in the message.
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? lastState = null, TimeSpan? interval = null)
        => UntilAsync(() => Task.FromResult(condition()), timeout, lastState, interval);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, Func{string}?, TimeSpan?)"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? lastState = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {timeout.TotalSeconds:0.#} s; last: {lastState?.Invoke()}");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
