using System.CommandLine;
using System.Globalization;
using Secretless.Local;

namespace Secretless.Cli.Commands;

/// <summary>
/// The options a running device shares between <c>device run</c> and <c>fleet simulate --run</c>:
/// endpoint override, heartbeat, renewal fraction and replication wait.
/// </summary>
internal sealed class DeviceRunSettingsOptions
{
    public DeviceRunSettingsOptions()
    {
        Endpoint = new Option<string?>("--endpoint")
        {
            Description = "MQTT endpoint (host:port) to connect to. Default: the endpoint /new returned.",
            HelpName = "HOST:PORT",
        };
        Endpoint.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !LocalEndpoint.TryValidate(text, out var error))
            {
                result.AddError($"--endpoint {error}");
            }
        });
        Heartbeat = new Option<double>("--heartbeat")
        {
            Description = "Seconds between heartbeats (QoS 1 publishes to things/<id>/heartbeat). Default: 30.",
            DefaultValueFactory = _ => 30,
            HelpName = "SECONDS",
        };
        Heartbeat.Validators.Add(result => RequireRange(result, "--heartbeat", 0.05, 86_400));
        RenewAt = new Option<double>("--renew-at")
        {
            Description = "Renew when this fraction of the certificate's lifetime has passed (above 0, at most 1). Default: 0.8.",
            DefaultValueFactory = _ => 0.8,
            HelpName = "FRACTION",
        };
        RenewAt.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value is <= 0 or > 1)
            {
                result.AddError($"--renew-at must be above 0 and at most 1 (got {value.ToString(CultureInfo.InvariantCulture)}).");
            }
        });
        ReplicationWait = new Option<double>("--replication-wait")
        {
            Description = "Seconds a new certificate refused as 'not registered' is treated as replication lag (retry the connect) before provisioning again. Default: 30.",
            DefaultValueFactory = _ => 30,
            HelpName = "SECONDS",
        };
        ReplicationWait.Validators.Add(result => RequireRange(result, "--replication-wait", 0, 86_400));
    }

    public Option<string?> Endpoint { get; }

    public Option<double> Heartbeat { get; }

    public Option<double> RenewAt { get; }

    public Option<double> ReplicationWait { get; }

    public IEnumerable<Option> All => [Endpoint, Heartbeat, RenewAt, ReplicationWait];

    private static void RequireRange(System.CommandLine.Parsing.OptionResult result, string name, double minimum, double maximum)
    {
        var value = result.GetValueOrDefault<double>();
        if (double.IsNaN(value) || value < minimum || value > maximum)
        {
            result.AddError(string.Create(
                CultureInfo.InvariantCulture, $"{name} must be between {minimum} and {maximum} seconds (got {value})."));
        }
    }
}
