namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 7, multi-region on the embedded stack: <c>serve --regions</c> with injected replication lag.
/// A device provisioned through region A connects to region B: refused while B has not replicated,
/// accepted on retry after; a revocation made in A is enforced by B's broker.
/// </summary>
public sealed class MultiRegionScenarioTests : IDisposable
{
    private const string RegionA = "eu-west-1";
    private const string RegionB = "us-east-1";
    private static readonly TimeSpan ReplicationDelay = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(90);

    private readonly TemporaryDirectory _scratch = new("secretless-scenario-regions");

    [Fact]
    public async Task DeviceProvisionedInA_ConnectsToBAfterReplication_AndARevocationInAIsEnforcedInB()
    {
        var data = _scratch.File("data");
        await using var serve = await RegionalServe.StartAsync(data, [RegionA, RegionB], ReplicationDelay);
        var a = serve[RegionA];
        var b = serve[RegionB];
        Assert.NotEqual(a.Endpoint, b.Endpoint);

        var device = await DeviceKeyFixture.CreateAsync(_scratch, "roaming-device-1", TestKeyKind.EcP256);
        await Deployments.DeviceManifest.ImportAsync(_scratch, [device], ["--data", data], environment: null);

        // Provisions through A's /new (the answer names A's endpoint) but connects to B, as a device
        // routed to another region would.
        using var runner = CliProcess.Start(
        [
            "device", "run", "--id", device.DeviceId, "--key", device.PrivateKeyPath, "--server", a.Url.ToString(),
            "--out", _scratch.File("device"), "--ca", Path.Combine(data, "pki", "ca-chain.pem"), "--endpoint", b.Endpoint,
            "--heartbeat", "1", "--replication-wait", "60", "--json",
        ]);
        var log = new DeviceEventLog(runner);

        var provisioned = await log.WaitForAsync(e => e.Event == "provisioned", Step, "provisioning through region A");
        Assert.Equal(a.Endpoint, provisioned.Text("endpoint"));
        var certificateId = provisioned.CertificateId!;

        var refused = await log.WaitForAsync(e => e.Event == "refused" && e.CertificateId == certificateId, Step, "B refusing the not yet replicated certificate");
        Assert.Equal("connect", refused.Text("stage"));
        var connected = await log.WaitForAsync(e => e.Event == "connected" && e.CertificateId == certificateId, Step, "B accepting it after replication");
        Assert.Equal(b.Endpoint, connected.Text("endpoint"));
        await log.WaitForAsync(e => e.Event == "heartbeat" && e.CertificateId == certificateId, Step, "a heartbeat through B");
        var eventsBeforeRevoke = log.Read().Count;
        Assert.DoesNotContain(log.Read(), e => e.Event == "provisioned" && e.CertificateId != certificateId);

        var revoke = await CliProcess.RunAsync(["certs", "revoke", certificateId, "--region", RegionA, "--data", data]);
        Assert.True(revoke.ExitCode == 0, $"certs revoke --region {RegionA} failed: {revoke}");

        // B enforces A's revocation: it drops the session, and B's registry says REVOKED.
        await log.WaitForAsync(e => e.Event == "disconnected" && e.CertificateId == certificateId, Step, "B closing the revoked session", after: eventsBeforeRevoke);
        Assert.Equal("revoked", await CliJson.CertificateStatusAsync(data, certificateId, RegionB));

        // The device recovers by itself: a new certificate through A, connected to B once replicated.
        var renewed = await log.WaitForAsync(e => e.Event == "provisioned" && e.CertificateId != certificateId, Step, "re-provisioning after the revocation", after: eventsBeforeRevoke);
        await log.WaitForAsync(e => e.Event == "connected" && e.CertificateId == renewed.CertificateId, Step, "reconnecting to B with the new certificate", after: eventsBeforeRevoke);
    }

    public void Dispose() => _scratch.Dispose();
}
