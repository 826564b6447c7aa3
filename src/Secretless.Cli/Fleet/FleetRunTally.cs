using System.Collections.Concurrent;
using Secretless.Device.Runtime;

namespace Secretless.Cli.Fleet;

/// <summary>Counts the events of all runners of a fleet (thread-safe) and knows who is connected.</summary>
internal sealed class FleetRunTally
{
    private readonly ConcurrentDictionary<string, bool> _connected = new(StringComparer.Ordinal);
    private int _provisionings;
    private int _reprovisionings;
    private int _refusals;
    private int _errors;
    private int _heartbeats;
    private int _disconnections;
    private int _stoppedByRefusal;

    public int Connected => _connected.Count(pair => pair.Value);

    public int Provisionings => Volatile.Read(ref _provisionings);

    public int Reprovisionings => Volatile.Read(ref _reprovisionings);

    public int Refusals => Volatile.Read(ref _refusals);

    public int Errors => Volatile.Read(ref _errors);

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public int Disconnections => Volatile.Read(ref _disconnections);

    public int StoppedByRefusal => Volatile.Read(ref _stoppedByRefusal);

    public void Record(DeviceRunnerEvent runnerEvent)
    {
        switch (runnerEvent.Event)
        {
            case DeviceRunnerEventNames.Provisioned:
                Interlocked.Increment(ref _provisionings);
                if (runnerEvent.Reason != ProvisioningReasons.NoCertificate)
                {
                    Interlocked.Increment(ref _reprovisionings);
                }

                break;
            case DeviceRunnerEventNames.Connected:
                _connected[runnerEvent.DeviceId] = true;
                break;
            case DeviceRunnerEventNames.Disconnected:
                _connected[runnerEvent.DeviceId] = false;
                Interlocked.Increment(ref _disconnections);
                break;
            case DeviceRunnerEventNames.Heartbeat:
                Interlocked.Increment(ref _heartbeats);
                break;
            case DeviceRunnerEventNames.Refused:
                _connected[runnerEvent.DeviceId] = false;
                Interlocked.Increment(ref _refusals);
                break;
            case DeviceRunnerEventNames.Error:
                Interlocked.Increment(ref _errors);
                break;
            default:
                break;
        }
    }

    public void RecordStoppedByRefusal(string deviceId)
    {
        _connected[deviceId] = false;
        Interlocked.Increment(ref _stoppedByRefusal);
    }

    public FleetRunSummary Summarize(int devices, DateTimeOffset at, TimeSpan elapsed) => new(
        "summary",
        at,
        devices,
        Connected,
        Provisionings,
        Reprovisionings,
        Refusals,
        Errors,
        Heartbeats,
        Disconnections,
        StoppedByRefusal,
        Math.Round(elapsed.TotalSeconds, 3));
}
