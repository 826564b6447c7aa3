using System.Security.Cryptography;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Errors;
using Secretless.Core.Manifest;
using Secretless.Local;

namespace Secretless.Cli.Commands;

/// <summary>
/// The whole story on one machine: start the embedded stack, manufacture three devices, import
/// them, provision them over real HTTPS, connect one to the MQTT endpoint and publish, then show
/// that an unknown device (404) and a device with the wrong key (403) are refused. Uses the same
/// code paths as the individual commands.
/// </summary>
internal sealed class DemoRunner(CliContext context, SecretlessDataDirectory dataDirectory, bool reusedDataDirectory)
{
    private const int DeviceCount = 3;

    private readonly List<DemoStepReport> _steps = [];

    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        PkiCommands.Initialize(context, dataDirectory);
        // The settings of the attempt that started (a taken MQTT port is picked again).
        EmbeddedServerSettings settings = null!;
        await using var server = await FreeLoopbackPort.StartEmbeddedServerAsync(
            mqttPort => settings = new EmbeddedServerSettings(dataDirectory, ["https://127.0.0.1:0"], mqttPort, $"localhost:{mqttPort}", TimeSpan.FromDays(365), null),
            cancellationToken);
        var serverUrl = new Uri(server.Addresses[0]);
        context.Error.WriteLine($"demo: embedded stack listening on {serverUrl} and mqtts://{server.MqttListenAddress}, data in {dataDirectory.RootPath}");

        // A run id keeps device ids and key files fresh when the demo reuses a --data directory.
        var prefix = reusedDataDirectory ? $"demo-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}" : "demo";
        var workDirectory = Path.Combine(dataDirectory.RootPath, prefix + "-run");
        var deviceIds = Enumerable.Range(1, DeviceCount).Select(i => $"{prefix}-sensor-{i}").ToList();

        var manifestLines = new List<string>();
        foreach (var deviceId in deviceIds)
        {
            var publicKeyPem = await SimulatedSecureElement.GenerateAsync(KeyPath(workDirectory, deviceId), cancellationToken);
            manifestLines.Add(SimulatedSecureElement.ManifestLine(deviceId, publicKeyPem));
            Record("manufacture", deviceId, "key made", "key made", "public key → manifest");
        }

        var manifestPath = Path.Combine(workDirectory, "manifest.csv");
        await File.WriteAllLinesAsync(manifestPath, manifestLines, cancellationToken);
        await ImportAsync(manifestPath, deviceIds.Count, cancellationToken);

        var endpoints = new List<string>();
        foreach (var deviceId in deviceIds)
        {
            endpoints.Add(await ProvisionAsync("provision", deviceId, KeyPath(workDirectory, deviceId), workDirectory, serverUrl, server.CaChainPath, null, cancellationToken)
                ?? settings.MqttEndpoint);
        }

        // The first device does what a provisioned device does next: connect to the endpoint /new returned.
        await ConnectAndPublishAsync(deviceIds[0], workDirectory, endpoints[0], server.CaChainPath, cancellationToken);

        var unknownId = $"{prefix}-unregistered";
        var unknownKey = KeyPath(workDirectory, unknownId);
        await SimulatedSecureElement.GenerateAsync(unknownKey, cancellationToken);
        await ProvisionAsync("unknown device", unknownId, unknownKey, workDirectory, serverUrl, server.CaChainPath,
            (404, ProvisioningErrorCodes.DeviceNotRegistered), cancellationToken);

        // An impostor claims a registered id but holds another key: proof of possession fails the match.
        var impostorKey = Path.Combine(workDirectory, "impostor", deviceIds[0] + ".key");
        await SimulatedSecureElement.GenerateAsync(impostorKey, cancellationToken);
        await ProvisionAsync("wrong key", deviceIds[0], impostorKey, Path.Combine(workDirectory, "impostor"), serverUrl, server.CaChainPath,
            (403, ProvisioningErrorCodes.PublicKeyMismatch), cancellationToken);

        return new DemoReport(serverUrl.ToString(), dataDirectory.RootPath, _steps.TrueForAll(step => step.AsExpected), _steps);
    }

    private static string KeyPath(string workDirectory, string deviceId) => SimulatedSecureElement.KeyPath(Path.Combine(workDirectory, "keys"), deviceId);

    private async Task ImportAsync(string manifestPath, int expected, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(manifestPath);
        var manifest = await ManifestReader.ReadAsync(reader, null, cancellationToken);
        var stored = manifest.Errors.Count == 0
            ? await LocalBackends.Open(dataDirectory.RootPath).DeviceDirectory.ImportAsync(manifest.Entries, false, null, cancellationToken)
            : null;
        var actual = stored is { Committed: true } ? $"{stored.Inserted} imported" : $"{manifest.Errors.Count} bad line(s)";
        Record("import", $"{expected} devices", $"{expected} imported", actual, Path.GetFileName(manifestPath));
    }

    private async Task ConnectAndPublishAsync(string deviceId, string workDirectory, string endpoint, string caChainPath, CancellationToken cancellationToken)
    {
        var topic = $"things/{deviceId}/telemetry";
        var request = new DeviceConnectRequest(
            Path.Combine(workDirectory, "certs", deviceId, "certificate.pem"),
            KeyPath(workDirectory, deviceId),
            caChainPath,
            endpoint,
            null,
            new DeviceMessage(topic, "{\"temp\":21}"));
        var outcome = await DeviceConnecting.TryRunAsync(request, cancellationToken);
        // PUBACK 16 NoMatchingSubscribers is a success too: nobody listens in the demo.
        var (actual, detail) = outcome.Report is { Published: { } published } report
            ? ("connected, published", $"CONNACK {report.ConnectReasonCode}, PUBACK {published.ReasonCode} on {topic}")
            : (outcome.Reason ?? "not connected", outcome.Message);
        Record("mqtt publish", deviceId, "connected, published", actual, detail);
    }

    /// <summary>Provisions and records the step; returns the endpoint /new returned, or null when refused.</summary>
    private async Task<string?> ProvisionAsync(
        string step,
        string deviceId,
        string keyPath,
        string workDirectory,
        Uri server,
        string caChainPath,
        (int Status, string Code)? expectedRefusal,
        CancellationToken cancellationToken)
    {
        var request = new DeviceProvisionRequest(deviceId, keyPath, server, Path.Combine(workDirectory, "certs", deviceId), caChainPath);
        var outcome = await DeviceProvisioning.TryRunAsync(request, cancellationToken);
        var actual = outcome.Succeeded ? "200 issued" : $"{outcome.HttpStatus?.ToString() ?? "no answer"} {outcome.ProblemCode}".Trim();
        var expected = expectedRefusal is { } refusal ? $"{refusal.Status} {refusal.Code}" : "200 issued";
        var detail = outcome.Report is { } report
            ? $"certificate {report.CertificateId[..Math.Min(12, report.CertificateId.Length)]}…, valid to {report.NotAfter:yyyy-MM-dd}"
            : outcome.Detail;
        Record(step, deviceId, expected, actual, detail);
        return outcome.Report?.Endpoint;
    }

    private void Record(string step, string deviceId, string expected, string actual, string detail)
        => _steps.Add(new DemoStepReport(step, deviceId, expected, actual, expected == actual, detail));
}
