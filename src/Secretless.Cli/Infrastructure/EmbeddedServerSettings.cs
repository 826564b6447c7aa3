using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Local;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// How <see cref="EmbeddedServer"/> runs. An empty <see cref="Urls"/> means the server's default.
/// <see cref="MqttEndpoint"/> is what <c>/new</c> tells devices; <see cref="MqttPort"/> is where the
/// embedded broker listens (on loopback) when the registry is the embedded one. A null
/// <see cref="Validity"/> or <see cref="LatentDelivery"/> keeps the configured or default value;
/// <see cref="Configuration"/> chooses the backends (null: all embedded).
/// <see cref="Regions"/> (null or empty: one unnamed region, the main registry) runs one web host,
/// registry and broker per named region; region i listens on the URL ports + i (port 0 stays 0)
/// and MQTT port + i, tells devices <c>localhost:&lt;its MQTT port&gt;</c> (then
/// <see cref="MqttEndpoint"/> is not used), and the regions replicate after <see cref="ReplicationDelay"/>.
/// </summary>
internal sealed record EmbeddedServerSettings(
    SecretlessDataDirectory DataDirectory,
    IReadOnlyList<string> Urls,
    int MqttPort,
    string MqttEndpoint,
    TimeSpan? Validity,
    Action<ILoggingBuilder>? ConfigureLogging,
    LatentDeliveryOptions? LatentDelivery = null,
    IConfiguration? Configuration = null,
    IReadOnlyList<string>? Regions = null,
    TimeSpan? ReplicationDelay = null);
