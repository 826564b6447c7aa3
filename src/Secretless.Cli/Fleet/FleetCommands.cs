using System.CommandLine;
using System.Globalization;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Local;

namespace Secretless.Cli.Fleet;

/// <summary><c>secretless fleet simulate</c>: a whole fleet provisioning over a poor network.</summary>
internal static class FleetCommands
{
    public const int MaxCount = 100_000;
    public const int MaxConcurrency = 256;

    public static Command Create(CliContext context)
    {
        var fleet = new Command("fleet", "Simulate fleets of devices against the provisioning service.");
        fleet.Subcommands.Add(CreateSimulate(context));
        return fleet;
    }

    private static Command CreateSimulate(CliContext context)
    {
        var count = new Option<int>("--count") { Description = $"Devices to manufacture and provision (1–{MaxCount}).", DefaultValueFactory = _ => 10, HelpName = "N" };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxCount)
            {
                result.AddError($"--count must be between 1 and {MaxCount}.");
            }
        });
        var concurrency = new Option<int>("--concurrency") { Description = $"Devices provisioning at the same time (1–{MaxConcurrency}).", DefaultValueFactory = _ => 4, HelpName = "C" };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxConcurrency)
            {
                result.AddError($"--concurrency must be between 1 and {MaxConcurrency}.");
            }
        });
        var dropRate = new Option<double>("--drop-rate")
        {
            Description = "Share of TCP connections a proxy in front of the server resets before the request, cuts mid-answer or delays (0 to 1; 0: no proxy).",
            DefaultValueFactory = _ => 0,
            HelpName = "P",
        };
        dropRate.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value is < 0 or >= 1)
            {
                result.AddError($"--drop-rate must be at least 0 and below 1 (got {value.ToString(CultureInfo.InvariantCulture)}).");
            }
        });
        var delivery = new Option<string>("--delivery")
        {
            Description = "direct: the certificate in the answer to POST /new; url: send 'device-delivery: url' and fetch it from the 202 payload URL.",
            DefaultValueFactory = _ => "direct",
            HelpName = "direct|url",
        };
        delivery.AcceptOnlyFromAmong("direct", "url");
        var mqtt = new Option<bool>("--mqtt") { Description = "After provisioning, connect each device to the MQTT endpoint /new returned and publish one message." };
        var server = new Option<string?>("--server")
        {
            Description = "A running server (its data directory must be --data: devices are imported there, its CA chain trusted). Default: start the embedded stack in-process on free loopback ports.",
            HelpName = "URL",
        };
        server.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !IsServerUrl(text))
            {
                result.AddError("--server must be an absolute http:// or https:// URL, e.g. https://127.0.0.1:8443.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the fault pattern and backoff jitter (same seed, same faults).", DefaultValueFactory = _ => 1, HelpName = "S" };
        var deadline = new Option<int>("--device-deadline")
        {
            Description = "Seconds each device keeps retrying before it gives up (1–3600).",
            DefaultValueFactory = _ => 120,
            HelpName = "SECONDS",
        };
        deadline.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                result.AddError("--device-deadline must be between 1 and 3600 seconds.");
            }
        });
        var run = new Option<bool>("--run")
        {
            Description = "Run the devices as long-running devices (provision, connect, heartbeat, renew, re-provision when refused) until Ctrl+C, SIGTERM or --duration; with --json one event line per device event, then a summary line.",
        };
        var duration = new Option<double?>("--duration") { Description = "With --run: stop after this many seconds.", HelpName = "SECONDS" };
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && (double.IsNaN(seconds) || seconds <= 0 || seconds > 31_536_000))
            {
                result.AddError("--duration must be a positive number of seconds (at most a year).");
            }
        });
        var runSettings = new Commands.DeviceRunSettingsOptions();
        var json = CliContext.CreateJsonOption();

        var simulate = new Command(
            "simulate",
            "Manufacture N devices (keys + import), provision them over real HTTPS through the device library's resilient client, optionally over a lossy network and MQTT, and report provisioned, retries, duplicates, latency and throughput. Exit 0 only when every device got a valid certificate and there are no duplicates or orphans (exit 1 otherwise).")
        {
            count, concurrency, dropRate, delivery, mqtt, server, seed, deadline, run, duration, json,
        };
        foreach (var option in runSettings.All)
        {
            simulate.Options.Add(option);
        }

        simulate.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(server) is { } serverText ? new Uri(serverText) : null;
            var dataOption = parseResult.GetValue(context.DataOption);
            // Without --server and --data the fleet gets a throw-away data directory.
            var temporary = given is null && dataOption is null
                ? Path.Combine(Path.GetTempPath(), "secretless-fleet-" + Guid.NewGuid().ToString("N")[..12])
                : null;
            var dataDirectory = new SecretlessDataDirectory(temporary ?? context.ResolveDataRoot(parseResult));
            if (parseResult.GetValue(run))
            {
                return await RunFleetAsync(context, parseResult, dataDirectory, temporary, runSettings, duration, given, count, concurrency, json, cancellationToken);
            }

            var settings = new FleetSimulationSettings(
                parseResult.GetValue(count),
                parseResult.GetValue(concurrency),
                parseResult.GetValue(dropRate),
                parseResult.GetValue(delivery) == "url",
                parseResult.GetValue(mqtt),
                given,
                parseResult.GetValue(seed),
                TimeSpan.FromSeconds(parseResult.GetValue(deadline)));
            var asJson = parseResult.GetValue(json);
            try
            {
                var report = await new FleetSimulator(context, dataDirectory, settings, showProgress: !asJson).RunAsync(cancellationToken);
                if (asJson)
                {
                    context.WriteJson(report, CliJsonContext.Default.FleetReport);
                }
                else
                {
                    FleetReportPrinter.Print(context, report);
                }

                var allGood = report.Provisioned == report.Count && report.Duplicates == 0 && report.Orphans == 0 && (report.MqttPublished ?? report.Count) == report.Count;
                return allGood ? ExitCodes.Ok : ExitCodes.Failure;
            }
            finally
            {
                if (temporary is not null && Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
        });
        return simulate;
    }

    private static async Task<int> RunFleetAsync(
        CliContext context,
        ParseResult parseResult,
        SecretlessDataDirectory dataDirectory,
        string? temporary,
        Commands.DeviceRunSettingsOptions runSettings,
        Option<double?> duration,
        Uri? server,
        Option<int> count,
        Option<int> concurrency,
        Option<bool> json,
        CancellationToken cancellationToken)
    {
        var settings = new FleetRunSettings(
            parseResult.GetValue(count),
            parseResult.GetValue(concurrency),
            server,
            parseResult.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            TimeSpan.FromSeconds(parseResult.GetValue(runSettings.Heartbeat)),
            parseResult.GetValue(runSettings.RenewAt),
            TimeSpan.FromSeconds(parseResult.GetValue(runSettings.ReplicationWait)),
            parseResult.GetValue(runSettings.Endpoint));
        try
        {
            var summary = await new FleetRunner(context, dataDirectory, settings, parseResult.GetValue(json)).RunAsync(cancellationToken);
            return summary.StoppedByRefusal == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }
        finally
        {
            if (temporary is not null && Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static bool IsServerUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
