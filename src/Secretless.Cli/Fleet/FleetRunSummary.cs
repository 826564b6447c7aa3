using System.Text.Json.Serialization;
using Secretless.Device.Runtime;

namespace Secretless.Cli.Fleet;

/// <summary>
/// The last line of <c>fleet simulate --run --json</c>. <see cref="Connected"/> counts devices
/// connected when the run ended; <see cref="Reprovisionings"/> the provisionings for any reason
/// other than no-certificate (renewal, refusal, expiry); <see cref="Refusals"/> the <c>refused</c>
/// events; <see cref="StoppedByRefusal"/> devices the service refused for good (403/404).
/// </summary>
internal sealed record FleetRunSummary(
    string Event,
    [property: JsonConverter(typeof(UtcTimestampJsonConverter))] DateTimeOffset At,
    int Devices,
    int Connected,
    int Provisionings,
    int Reprovisionings,
    int Refusals,
    int Errors,
    int Heartbeats,
    int Disconnections,
    int StoppedByRefusal,
    double ElapsedSeconds);
