using Secretless.EndToEnd.Tests.Deployments;
using Secretless.TestSupport.Timing;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 7, certificate rotation on the embedded stack: a connected <c>device run</c> renews by
/// itself, its new certificate connects, and the previous one is revoked after the grace period and
/// refused by the broker; the registry keeps the history.
/// </summary>
public sealed class CertificateRotationScenarioTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    private readonly TemporaryDirectory _scratch = new("secretless-scenario-rotation");

    [Fact]
    public async Task ConnectedDevice_Renews_NewCertificateConnectsAndTheOldOneIsRefusedAfterTheGracePeriod()
    {
        var data = _scratch.File("data");
        var environment = new Dictionary<string, string>
        {
            ["Secretless__Provisioning__RotationGracePeriod"] = GracePeriod.ToString("c"),
        };
        await using var serve = await ServeProcess.StartAsync(data, ["--validity", "1"], environment);
        var device = await DeviceKeyFixture.CreateAsync(_scratch, "rotating-device-1", TestKeyKind.EcP256);
        await DeviceManifest.ImportAsync(_scratch, [device], ["--data", data], environment: null);
        var caChain = Path.Combine(data, "pki", "ca-chain.pem");

        // Certificates live one day (serve --validity 1, the minimum); renewing at 0.0001 of the lifetime
        // makes the device renew about 9 seconds after it received its certificate.
        using var runner = CliProcess.Start(
        [
            "device", "run", "--id", device.DeviceId, "--key", device.PrivateKeyPath, "--server", serve.Url.ToString(),
            "--out", _scratch.File("device"), "--ca", caChain, "--heartbeat", "1", "--renew-at", "0.0001", "--json",
        ]);
        var log = new DeviceEventLog(runner);

        var first = await log.WaitForAsync(e => e.Event == "provisioned", Step, "the first provisioning");
        Assert.Equal("no-certificate", first.Text("reason"));
        var firstId = first.CertificateId ?? throw new InvalidOperationException($"provisioned without certificateId: {first}");
        await log.WaitForAsync(e => e.Event == "heartbeat" && e.CertificateId == firstId, Step, "a heartbeat with the first certificate");
        var firstPem = _scratch.File("first-certificate.pem");
        var firstReport = await CliJson.RunAsync("certs", "show", firstId, "--data", data);
        await File.WriteAllTextAsync(firstPem, firstReport.GetProperty("certificatePem").GetString());

        var renewal = await log.WaitForAsync(e => e.Event == "provisioned" && e.Text("reason") == "renewal-due", Step, "a renewal before expiry");
        var secondId = renewal.CertificateId!;
        Assert.NotEqual(firstId, secondId);
        await log.WaitForAsync(e => e.Event == "heartbeat" && e.CertificateId == secondId, Step, "a heartbeat with the renewed certificate");

        // One rotation is the scenario: stop the device before its next renewal is due.
        await runner.InterruptAsync();
        var stopped = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, stopped.ExitCode);

        // After the grace period the old certificate is REVOKED (by serve's sweep) and refused.
        await WaitForStatusAsync(data, firstId, "revoked", GracePeriod + Step);
        var refused = await MosquittoDevice.PublishAsync(serve.MqttPort, caChain, firstPem, device.PrivateKeyPath, device.DeviceId);
        Assert.True(refused.ExitCode != 0, $"the superseded certificate still connects: {refused}");

        var current = _scratch.File("device/certificate.pem");
        var accepted = await MosquittoDevice.PublishAsync(serve.MqttPort, caChain, current, device.PrivateKeyPath, device.DeviceId);
        Assert.True(accepted.ExitCode == 0, $"the renewed certificate is refused: {accepted}");

        // The registry shows the history: every certificate the thing ever had, only the newest ACTIVE.
        var history = await CliJson.ThingCertificatesAsync(data, device.DeviceId);
        Assert.Contains((firstId, "revoked"), history);
        Assert.Equal([secondId], history.Where(c => c.Status == "active").Select(c => c.Id));
    }

    public void Dispose() => _scratch.Dispose();

    private static async Task WaitForStatusAsync(string data, string certificateId, string status, TimeSpan timeout)
    {
        string? last = null;
        await Poll.UntilAsync(
            async () => (last = await CliJson.CertificateStatusAsync(data, certificateId)) == status,
            timeout,
            () => $"certificate {certificateId} is still {last}, expected {status}",
            TimeSpan.FromMilliseconds(500));
    }
}
