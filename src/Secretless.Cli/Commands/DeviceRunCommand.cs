using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Device;
using Secretless.Device.Runtime;

namespace Secretless.Cli.Commands;

/// <summary>
/// <c>secretless device run</c>: the long-running device (<see cref="DeviceRunner"/>) until Ctrl+C or
/// SIGTERM: provision when needed, connect, heartbeat, renew, re-provision when refused.
/// </summary>
internal static class DeviceRunCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "Device id (the CSR's CN, the thing name, the MQTT client id).", Required = true, HelpName = "ID" };
        var key = new Option<FileInfo>("--key") { Description = "The device's private key (PEM: PKCS#8, SEC1 or PKCS#1).", Required = true, HelpName = "FILE" };
        var server = DeviceCommands.CreateServerOption();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "The device's storage: certificate.pem, chain.pem, ca-chain.pem, endpoint.txt (a valid stored certificate is reused).",
            Required = true,
            HelpName = "DIR",
        };
        var ca = new Option<FileInfo?>("--ca")
        {
            Description = "PEM CA chain the device trusts (server TLS, MQTT endpoint TLS, issued chains). Default: <data>/pki/ca-chain.pem (a local server).",
            HelpName = "FILE",
        };
        var settings = new DeviceRunSettingsOptions();
        var json = CliContext.CreateJsonOption();
        json.Description = "One JSON object per event on stdout (provisioned, connected, heartbeat, disconnected, refused, error).";
        var run = new Command(
            "run",
            "Run as a device until Ctrl+C or SIGTERM (exit 0): provision when there is no valid certificate, connect to the MQTT endpoint, publish heartbeats, renew before expiry, and re-provision and reconnect when the endpoint refuses the certificate. Exit 6 when the service refuses the device for good (403/404).")
        {
            id, key, server, output, ca, json,
        };
        foreach (var option in settings.All)
        {
            run.Options.Add(option);
        }

        run.SetAction(async (parseResult, cancellationToken) =>
        {
            var deviceId = parseResult.GetRequiredValue(id);
            DeviceCommands.RequireValidDeviceId(deviceId);
            var caPath = DeviceProvisioning.ResolveCaPath(parseResult.GetValue(ca)?.FullName, () => context.ResolveDataRoot(parseResult), "server");
            var trustedCaPem = await ReadCaAsync(caPath, cancellationToken);
            using var privateKey = await SimulatedSecureElement.LoadPrivateKeyAsync(parseResult.GetRequiredValue(key).FullName, cancellationToken);
            var options = new DeviceRunnerOptions
            {
                DeviceId = deviceId,
                PrivateKey = privateKey,
                Server = DeviceCommands.ParseServerUrl(parseResult.GetRequiredValue(server))!,
                OutDirectory = parseResult.GetRequiredValue(output).FullName,
                TrustedCaPem = trustedCaPem,
                Endpoint = parseResult.GetValue(settings.Endpoint),
                Heartbeat = TimeSpan.FromSeconds(parseResult.GetValue(settings.Heartbeat)),
                RenewAt = parseResult.GetValue(settings.RenewAt),
                ReplicationWait = TimeSpan.FromSeconds(parseResult.GetValue(settings.ReplicationWait)),
            };

            Action<DeviceRunnerEvent> onEvent;
            if (parseResult.GetValue(json))
            {
                var writer = new DeviceRunnerEventWriter(context.Out);
                onEvent = writer.Write;
            }
            else
            {
                var gate = new Lock();
                onEvent = runnerEvent =>
                {
                    lock (gate)
                    {
                        context.Out.WriteLine(DeviceRunEventText.Format(runnerEvent, withDeviceId: false));
                        context.Out.Flush();
                    }
                };
            }

            using var runner = new DeviceRunner(options, onEvent, context.Time);
            try
            {
                await runner.RunAsync(cancellationToken);
            }
            catch (ProvisioningFailedException refused)
            {
                var status = (int)refused.StatusCode;
                throw new CliException(status is >= 400 and < 500 ? ExitCodes.ProvisioningRefused : ExitCodes.ServerUnreachable, refused.Message);
            }

            context.Error.WriteLine("stopped.");
            return ExitCodes.Ok;
        });
        return run;
    }

    private static async Task<string> ReadCaAsync(string path, CancellationToken cancellationToken)
    {
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot read the CA chain {path}: {exception.Message}");
        }

        return pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? pem
            : throw new CliException(ExitCodes.Failure, $"{path} holds no PEM certificate.");
    }
}
