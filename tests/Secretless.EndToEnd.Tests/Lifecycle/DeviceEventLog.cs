using System.Text.Json;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>
/// The event lines of a running device runner process. Every stdout line must be a JSON object
/// with <c>event</c> and <c>deviceId</c> (the <c>--json</c> contract); anything else fails the test.
/// </summary>
public sealed class DeviceEventLog(CliProcess process)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>All events printed so far, in order.</summary>
    public IReadOnlyList<DeviceEvent> Read()
    {
        var output = process.Snapshot().StandardOutput;
        var events = new List<DeviceEvent>();
        var lines = output.Split('\n');

        // The last element is empty or a line still being written.
        foreach (var line in lines.Take(lines.Length - 1).Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0))
        {
            events.Add(Parse(line));
        }

        return events;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the events so far; fails with the output on timeout.</summary>
    public async Task<IReadOnlyList<DeviceEvent>> WaitUntilAsync(Func<IReadOnlyList<DeviceEvent>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var events = Read();
            if (condition(events))
            {
                return events;
            }

            var snapshot = process.Snapshot();
            if (snapshot.ExitCode != -1 || DateTimeOffset.UtcNow > deadline)
            {
                var tail = string.Join('\n', events.TakeLast(40));
                var stderr = string.Join('\n', snapshot.StandardError.Split('\n').TakeLast(40));
                throw new TimeoutException(
                    $"Waited {timeout} for: {what} (runner exit code {snapshot.ExitCode}; -1 = still running).\nlast events:\n{tail}\nstderr:\n{stderr}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits for the first event after <paramref name="after"/> events that matches.</summary>
    public async Task<DeviceEvent> WaitForAsync(Func<DeviceEvent, bool> match, TimeSpan timeout, string what, int after = 0)
    {
        var events = await WaitUntilAsync(all => all.Skip(after).Any(match), timeout, what);
        return events.Skip(after).First(match);
    }

    private static DeviceEvent Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement.Clone();
            var name = root.GetProperty("event").GetString();
            var deviceId = root.TryGetProperty("deviceId", out var id) ? id.GetString() : null;
            if (string.IsNullOrEmpty(name) || (deviceId is null && name != "summary"))
            {
                throw new InvalidOperationException($"Event line without event or deviceId: {line}");
            }

            return new DeviceEvent(name, deviceId ?? string.Empty, root, line);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The runner printed a line that is not JSON: {line}", exception);
        }
        catch (KeyNotFoundException exception)
        {
            throw new InvalidOperationException($"Event line without 'event': {line}", exception);
        }
    }
}
