using Xunit;

namespace Secretless.TestSupport.Timing;

/// <summary>Waits for a condition another process or thread makes true, checking it every 100 ms.</summary>
public static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>, with <paramref name="lastState"/> in the message.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? lastState = null)
        => UntilAsync(() => Task.FromResult(condition()), timeout, lastState);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, Func{string}?)"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? lastState = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {timeout.TotalSeconds:0.#} s; last: {lastState?.Invoke()}");
            await Task.Delay(100);
        }
    }
}
