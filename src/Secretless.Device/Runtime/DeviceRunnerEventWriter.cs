namespace Secretless.Device.Runtime;

/// <summary>
/// Writes events as JSON lines to one writer from any number of runners: each line is written and
/// flushed whole under a lock, so lines of concurrent devices never interleave.
/// </summary>
public sealed class DeviceRunnerEventWriter(TextWriter writer)
{
    private readonly Lock _gate = new();

    public void Write(DeviceRunnerEvent runnerEvent)
    {
        ArgumentNullException.ThrowIfNull(runnerEvent);
        var line = runnerEvent.ToJsonLine();
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>Writes an already serialized line (e.g. a summary) under the same lock.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
