using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Devices;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless device …</c>: a device simulator (key generation and provisioning).</summary>
internal static class DeviceCommands
{
    public static Command Create(CliContext context)
    {
        var device = new Command("device", "Simulate a device: make its key, provision it over HTTPS, connect to the MQTT endpoint.");
        device.Subcommands.Add(CreateKeygen(context));
        device.Subcommands.Add(CreateProvision(context));
        device.Subcommands.Add(DeviceConnectCommand.Create(context));
        device.Subcommands.Add(DeviceRunCommand.Create(context));
        return device;
    }

    /// <summary>Validates the id with the service's own CN rules, so a simulated device is never refused for its name.</summary>
    /// <summary>A <c>--server</c> option: an absolute http:// or https:// URL.</summary>
    public static Option<string> CreateServerOption()
    {
        var server = new Option<string>("--server") { Description = "Service base URL, e.g. https://localhost:8443", Required = true, HelpName = "URL" };
        server.Validators.Add(result =>
        {
            if (ParseServerUrl(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--server must be an absolute http:// or https:// URL, e.g. https://localhost:8443");
            }
        });
        return server;
    }

    public static void RequireValidDeviceId(string deviceId)
    {
        if (!DeviceIdRules.TryValidate(deviceId, out var error))
        {
            throw new CliException(ExitCodes.UsageError, $"--id '{deviceId}': {error?.Detail}");
        }
    }

    public static Uri? ParseServerUrl(string? text)
        => Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;

    private static Command CreateKeygen(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "Device id (CN): 1–128 characters of A-Z a-z 0-9 : _ -", Required = true, HelpName = "ID" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for <id>.key (created if missing).", Required = true, HelpName = "DIR" };
        var json = CliContext.CreateJsonOption();
        var keygen = new Command(
            "keygen",
            "Make an ECDSA P-256 device key (<out>/<id>.key, mode 0600) and print its manifest line 'id,<base64 of PEM public key>'.")
        {
            id, output, json,
        };
        keygen.SetAction(async (parseResult, cancellationToken) =>
        {
            var deviceId = parseResult.GetRequiredValue(id);
            RequireValidDeviceId(deviceId);
            var keyPath = SimulatedSecureElement.KeyPath(parseResult.GetRequiredValue(output).FullName, deviceId);
            var publicKeyPem = await SimulatedSecureElement.GenerateAsync(keyPath, cancellationToken);
            var manifestLine = SimulatedSecureElement.ManifestLine(deviceId, publicKeyPem);

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new KeygenReport(deviceId, keyPath, publicKeyPem, manifestLine), CliJsonContext.Default.KeygenReport);
            }
            else
            {
                // Only the manifest line on stdout, so 'keygen … >> manifest.csv' builds a manifest.
                context.Out.WriteLine(manifestLine);
                context.Error.WriteLine($"wrote private key {keyPath} (mode 0600)");
            }

            return ExitCodes.Ok;
        });
        return keygen;
    }

    private static Command CreateProvision(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "Device id (the CSR's CN).", Required = true, HelpName = "ID" };
        var key = new Option<FileInfo>("--key") { Description = "The device's private key (PEM: PKCS#8, SEC1 or PKCS#1).", Required = true, HelpName = "FILE" };
        var server = CreateServerOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for certificate.pem and chain.pem (written atomically).", Required = true, HelpName = "DIR" };
        var ca = new Option<FileInfo?>("--ca")
        {
            Description = "PEM CA chain that must anchor the server's TLS certificate and the issued chain. Default: <data>/pki/ca-chain.pem (a local server).",
            HelpName = "FILE",
        };
        var json = CliContext.CreateJsonOption();
        var provision = new Command(
            "provision",
            "Build a CSR (CN = id) with the device key, POST it to <server>/new as the reference devices do, verify the returned chain and store the certificate.")
        {
            id, key, server, output, ca, json,
        };
        provision.SetAction(async (parseResult, cancellationToken) =>
        {
            var caPath = DeviceProvisioning.ResolveCaPath(
                parseResult.GetValue(ca)?.FullName, () => context.ResolveDataRoot(parseResult), "server");

            var request = new DeviceProvisionRequest(
                parseResult.GetRequiredValue(id),
                parseResult.GetRequiredValue(key).FullName,
                ParseServerUrl(parseResult.GetRequiredValue(server))!,
                parseResult.GetRequiredValue(output).FullName,
                caPath);
            RequireValidDeviceId(request.DeviceId);
            var report = await DeviceProvisioning.RunAsync(request, cancellationToken);

            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.ProvisionReport);
            }
            else
            {
                context.Out.WriteLine($"certificate id: {report.CertificateId}");
                context.Out.WriteLine($"endpoint:       {report.Endpoint}");
                context.Out.WriteLine($"not after:      {report.NotAfter:u}");
                context.Out.WriteLine($"certificate:    {report.CertificatePath}");
                context.Out.WriteLine($"chain:          {report.ChainPath}");
            }

            return ExitCodes.Ok;
        });
        return provision;
    }
}
