namespace Secretless.Device.Runtime;

/// <summary>What a <see cref="DeviceRunner"/> is doing right now (for live displays).</summary>
public enum DeviceRunnerState
{
    Starting,
    Provisioning,
    Connecting,
    Connected,

    /// <summary>Backing off after a refusal or a transient failure.</summary>
    Waiting,
    Stopped,
}
