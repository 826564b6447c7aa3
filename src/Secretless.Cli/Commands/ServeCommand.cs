using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Local;
using Secretless.Server;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless serve</c>: the provisioning service on the embedded stack, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>MQTT over TLS, as AWS IoT Core's data endpoint.</summary>
    public const int DefaultMqttPort = 8883;

    /// <summary>The configured endpoint of the embedded registry; an explicit --mqtt-endpoint wins.</summary>
    private const string ConfiguredMqttEndpointKey = "Secretless:Registry:MqttEndpoint";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Listen URLs, ASP.NET style (several, or ';'-separated). HTTPS with a certificate from the local CA; plain HTTP only for http:// URLs; port 0 picks a free port. Default: {SecretlessServerOptions.DefaultUrl}",
            HelpName = "URL",
            AllowMultipleArgumentsPerToken = true,
        };
        var mqttPort = new Option<int>("--mqtt-port")
        {
            Description = "TCP port of the MQTT endpoint (TLS, client certificate required) on 127.0.0.1.",
            DefaultValueFactory = _ => DefaultMqttPort,
            HelpName = "PORT",
        };
        mqttPort.Validators.Add(result =>
        {
            // No port 0: the endpoint devices are told must name the real port before /new answers anyone.
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--mqtt-port must be between 1 and 65535.");
            }
        });
        var mqttEndpoint = new Option<string?>("--mqtt-endpoint")
        {
            Description = "The device data endpoint (host:port) returned to devices as 'endpoint'. Default: localhost:<mqtt-port>.",
            HelpName = "host:port",
        };
        mqttEndpoint.Validators.Add(result =>
        {
            if (!LocalEndpoint.TryValidate(result.GetValueOrDefault<string?>(), out var error))
            {
                result.AddError($"--mqtt-endpoint {error}");
            }
        });
        var validity = new Option<int?>("--validity")
        {
            Description = "Lifetime of issued certificates in days (never beyond the issuing CA). Default: Secretless:Provisioning:Validity, else 365.",
            HelpName = "DAYS",
        };
        validity.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 36_500)
            {
                result.AddError("--validity must be between 1 and 36500 days.");
            }
        });
        var regions = new Option<string?>("--regions")
        {
            Description = "Run several embedded regions in this process, comma-separated (e.g. eu-west-1,us-east-1): each has its own registry (<data>/regions/<name>.db), provisioning server (ports of --urls + index) and MQTT endpoint (--mqtt-port + index, returned by its /new), sharing devices, ledger and CA; registrations and status changes replicate between them. Needs the embedded registry.",
            HelpName = "NAMES",
        };
        regions.Validators.Add(result =>
        {
            if (!TryParseRegions(result.GetValueOrDefault<string?>(), out _, out var error))
            {
                result.AddError($"--regions: {error}");
            }
        });
        var replicationDelay = new Option<double?>("--replication-delay")
        {
            Description = "With --regions: how long a registration or status change takes to reach the other regions (simulated replication lag). Default: 0.",
            HelpName = "SECONDS",
        };
        replicationDelay.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && (double.IsNaN(seconds) || seconds < 0 || seconds > 86_400))
            {
                result.AddError("--replication-delay must be between 0 and 86400 seconds.");
            }
        });
        var delivery = new DeliveryOptions();
        var logging = new LoggingOptions();
        var json = CliContext.CreateJsonOption();

        var serve = new Command(
            "serve",
            "Run the provisioning service (POST /new, GET /ca, GET /health/live, GET /health/ready) and the MQTT endpoint devices connect to, until Ctrl+C. Creates the local PKI on first start. Backends are embedded unless --config or Secretless__* environment variables choose others (docs/configuration.md).")
        {
            urls, mqttPort, mqttEndpoint, validity, regions, replicationDelay, json,
        };
        foreach (var option in delivery.All.Concat(logging.All))
        {
            serve.Options.Add(option);
        }

        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            // Read first: a broken configuration must stop serve before it creates anything.
            var configuration = context.LoadConfiguration(parseResult);
            var regionNames = ReadRegions(parseResult, regions, replicationDelay, mqttEndpoint, mqttPort);
            var dataDirectory = new SecretlessDataDirectory(context.ResolveDataRoot(parseResult));
            var asJson = parseResult.GetValue(json);
            // JSON log lines on stderr stay parseable: no human notes between them.
            var notes = !logging.IsJson(parseResult);
            var pki = PkiCommands.Initialize(context, dataDirectory);
            if (pki.Created && notes && !asJson)
            {
                context.Error.WriteLine($"created a new local PKI in {Path.GetDirectoryName(pki.ChainPemPath)}");
            }

            var port = parseResult.GetValue(mqttPort);
            var days = parseResult.GetValue(validity);
            // Declared before the server, so it is disposed after it: the shutdown's last lines are written.
            using var consoleLogging = logging.Create(parseResult);
            var settings = new EmbeddedServerSettings(
                dataDirectory,
                SplitUrls(parseResult.GetValue(urls)),
                port,
                parseResult.GetValue(mqttEndpoint) ?? configuration[ConfiguredMqttEndpointKey] ?? $"localhost:{port}",
                days is { } value ? TimeSpan.FromDays(value) : null,
                consoleLogging.Configure,
                delivery.Read(parseResult),
                configuration,
                regionNames,
                parseResult.GetValue(replicationDelay) is { } delay ? TimeSpan.FromSeconds(delay) : null);

            await using var server = await StartAsync(settings, cancellationToken);
            if (asJson)
            {
                context.WriteJson(
                    new ServeReport(
                        server.Addresses,
                        dataDirectory.RootPath,
                        server.CaChainPath,
                        server.Regions.Count > 0 ? server.Regions[0].Endpoint : settings.MqttEndpoint,
                        server.MqttListenAddress,
                        server.Backends.ToString(),
                        server.Regions.Count > 0
                            ? server.Regions.Select(region => new ServeRegionReport(region.Name, region.Addresses, region.MqttListenAddress, region.Endpoint)).ToList()
                            : null),
                    CliJsonContext.Default.ServeReport);
            }
            else
            {
                foreach (var address in server.Addresses)
                {
                    context.Out.WriteLine($"Listening on: {address}");
                }

                foreach (var region in server.Regions)
                {
                    context.Out.WriteLine(
                        $"Region:       {region.Name}: {string.Join(", ", region.Addresses)}, MQTT mqtts://{region.MqttListenAddress}, endpoint {region.Endpoint}");
                }

                if (server.Regions.Count > 0)
                {
                    context.Out.WriteLine(
                        $"Replication:  registrations and status changes reach the other regions after {(settings.ReplicationDelay ?? TimeSpan.Zero).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s");
                }

                context.Out.WriteLine($"CA chain:     {server.CaChainPath}");
                context.Out.WriteLine($"Data:         {dataDirectory.RootPath}");
                context.Out.WriteLine($"Backends:     {server.Backends}");
                if (server.MqttListenAddress is not null && server.Regions.Count == 0)
                {
                    context.Out.WriteLine($"MQTT:         mqtts://{server.MqttListenAddress} (TLS, client certificate from the local CA)");
                    context.Out.WriteLine($"Endpoint:     {settings.MqttEndpoint} (returned to devices)");
                }

                context.Out.WriteLine("Press Ctrl+C to stop.");
            }

            await context.Out.FlushAsync(CancellationToken.None);
            await server.WaitForShutdownAsync(cancellationToken);
            if (notes)
            {
                context.Error.WriteLine("stopped.");
            }

            return ExitCodes.Ok;
        });
        return serve;
    }

    private static async Task<EmbeddedServer> StartAsync(EmbeddedServerSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await EmbeddedServer.StartAsync(settings, cancellationToken);
        }
        catch (SocketException taken) when (taken.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Kestrel reports its own ports as IOException; a bare SocketException is the broker's.
            throw new CliException(
                ExitCodes.Failure,
                settings.Regions is { Count: > 1 } regions
                    ? $"one of the MQTT ports {settings.MqttPort}-{settings.MqttPort + regions.Count - 1} on 127.0.0.1 (--mqtt-port + region index) is already in use (another broker?); pick another with --mqtt-port."
                    : $"MQTT port {settings.MqttPort} on 127.0.0.1 is already in use (another broker?); pick another with --mqtt-port.",
                taken);
        }
    }

    /// <summary>The region names (null without --regions), after the checks that involve other options.</summary>
    private static List<string>? ReadRegions(
        ParseResult parseResult, Option<string?> regions, Option<double?> replicationDelay, Option<string?> mqttEndpoint, Option<int> mqttPort)
    {
        if (!TryParseRegions(parseResult.GetValue(regions), out var names, out var error))
        {
            throw new CliException(ExitCodes.UsageError, $"--regions: {error}");
        }

        if (names is null)
        {
            return parseResult.GetValue(replicationDelay) is null
                ? null
                : throw new CliException(ExitCodes.UsageError, "--replication-delay needs --regions (it is the lag between regions).");
        }

        if (parseResult.GetValue(mqttEndpoint) is not null)
        {
            throw new CliException(
                ExitCodes.UsageError,
                "--mqtt-endpoint cannot be used with --regions: each region returns its own endpoint, localhost:<--mqtt-port + index>.");
        }

        if (parseResult.GetValue(mqttPort) + names.Count - 1 > 65535)
        {
            throw new CliException(ExitCodes.UsageError, $"--mqtt-port {parseResult.GetValue(mqttPort)} leaves no room for {names.Count} regions (ports --mqtt-port + index); pick a lower port.");
        }

        return names;
    }

    internal static bool TryParseRegions(string? text, out List<string>? names, [NotNullWhen(false)] out string? error)
    {
        names = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        var parsed = text.Split(',', StringSplitOptions.TrimEntries).ToList();
        foreach (var name in parsed)
        {
            if (!RegionNames.TryValidate(name, out error))
            {
                return false;
            }
        }

        var duplicate = parsed.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            error = $"region '{duplicate.Key}' is given more than once.";
            return false;
        }

        names = parsed;
        return true;
    }

    private static List<string> SplitUrls(string[]? urls)
        => (urls ?? []).SelectMany(url => url.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
