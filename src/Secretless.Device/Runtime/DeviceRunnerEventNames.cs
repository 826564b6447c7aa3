namespace Secretless.Device.Runtime;

/// <summary>The <c>event</c> values of <see cref="DeviceRunnerEvent"/> (a stable contract: scripts and tests match them).</summary>
public static class DeviceRunnerEventNames
{
    /// <summary>A new certificate was issued, verified and stored.</summary>
    public const string Provisioned = "provisioned";

    /// <summary>TLS and CONNECT succeeded.</summary>
    public const string Connected = "connected";

    /// <summary>One heartbeat publish was acknowledged by the endpoint.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>The session ended (the endpoint closed it, or the device left it to use a renewed certificate).</summary>
    public const string Disconnected = "disconnected";

    /// <summary>The endpoint refused the device at TLS or CONNECT.</summary>
    public const string Refused = "refused";

    /// <summary>A transient failure (unreachable server or endpoint); the device keeps retrying.</summary>
    public const string Error = "error";
}
