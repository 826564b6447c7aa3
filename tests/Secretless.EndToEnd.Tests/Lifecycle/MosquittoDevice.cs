using System.Globalization;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>A device identity tried with Debian's real <c>mosquitto_pub</c> (mutual TLS, MQTT 3.1.1, QoS 1).</summary>
public static class MosquittoDevice
{
    /// <summary>Publishes one message on <c>things/&lt;id&gt;/probe</c> and returns the tool's result.</summary>
    public static Task<CliResult> PublishAsync(int port, string caFile, string certificatePath, string keyPath, string deviceId)
        => ExternalTool.RunAsync(
            "mosquitto_pub",
            ["-h", "localhost", "-p", port.ToString(CultureInfo.InvariantCulture), "--cafile", caFile,
             "--cert", certificatePath, "--key", keyPath, "-i", deviceId, "-q", "1",
             "-t", $"things/{deviceId}/probe", "-m", "probe"],
            timeout: TimeSpan.FromSeconds(30));
}
