using Secretless.Device.Runtime;

namespace Secretless.Device.Tests.Runtime;

/// <summary>Collects a runner's events (thread-safe) and lets a test wait for the one it expects.</summary>
internal sealed class RecordedEvents
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(40);

    private readonly Lock _gate = new();
    private readonly List<DeviceRunnerEvent> _events = [];
    private readonly List<(Func<DeviceRunnerEvent, bool> Match, TaskCompletionSource<DeviceRunnerEvent> Found, int From)> _waiters = [];

    public IReadOnlyList<DeviceRunnerEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    public void Add(DeviceRunnerEvent runnerEvent)
    {
        lock (_gate)
        {
            _events.Add(runnerEvent);
            var index = _events.Count - 1;
            foreach (var waiter in _waiters.Where(w => index >= w.From && w.Match(runnerEvent)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(runnerEvent);
            }
        }
    }

    /// <summary>The first event at index ≥ <paramref name="from"/> that matches, waiting for it when needed.</summary>
    public async Task<DeviceRunnerEvent> WaitForAsync(Func<DeviceRunnerEvent, bool> match, int from = 0, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<DeviceRunnerEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _events.Skip(from).FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, found, from));
        }

        try
        {
            return await found.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("No matching event. Events so far:\n" + string.Join('\n', Snapshot().Select(e => e.ToJsonLine())));
        }
    }

    public Task<DeviceRunnerEvent> WaitForAsync(string name, int from = 0, TimeSpan? timeout = null)
        => WaitForAsync(e => e.Event == name, from, timeout);

    public int IndexOf(DeviceRunnerEvent runnerEvent)
    {
        lock (_gate)
        {
            return _events.IndexOf(runnerEvent);
        }
    }
}
