using System.Text.Json;
using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 7, intermediate-CA rotation with cascading revocation on the embedded stack: 100 connected
/// devices (<c>fleet simulate --run</c>), <c>ca rotate</c>, <c>ca revoke &lt;old&gt;</c>; every device is
/// disconnected, re-provisions through <c>/new</c> by itself and reconnects with a certificate from the
/// new intermediate, and the root's CRL lists the old intermediate.
/// </summary>
public sealed class IntermediateCaRotationScenarioTests : IDisposable
{
    private const int FleetSize = 100;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(3);

    private readonly TemporaryDirectory _scratch = new("secretless-scenario-ca-rotation");

    [Fact]
    public async Task HundredConnectedDevices_CaRotateThenRevoke_AllReconnectWithCertificatesFromTheNewIntermediate()
    {
        var data = _scratch.File("data");
        await using var serve = await ServeProcess.StartAsync(data, [], environment: null);
        using var fleet = CliProcess.Start(
        [
            "fleet", "simulate", "--run", "--count", FleetSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--server", serve.Url.ToString(), "--data", data, "--heartbeat", "5", "--json",
        ]);
        var log = new DeviceEventLog(fleet);
        var connected = await log.WaitUntilAsync(events => ConnectedDevices(events).Count == FleetSize, Step, $"{FleetSize} devices connected");
        var devices = ConnectedDevices(connected).Keys.ToHashSet(StringComparer.Ordinal);

        var before = await CliJson.RunAsync("ca", "list", "--data", data);
        var oldIssuerId = before.GetProperty("activeIssuerId").GetString()!;
        var oldIssuer = Issuer(before, oldIssuerId);
        var oldSubject = oldIssuer.GetProperty("subject").GetString()!;
        var oldSerial = oldIssuer.GetProperty("serial").GetString()!;
        Assert.All(connected.Where(e => e.Event == "provisioned"), e => Assert.Equal(oldSubject, e.Text("issuer")));

        var rotated = await CliJson.RunAsync("ca", "rotate", "--data", data);
        Assert.Equal(oldIssuerId, rotated.GetProperty("previousIssuerId").GetString());
        var newIssuerId = rotated.GetProperty("activeIssuerId").GetString()!;
        Assert.NotEqual(oldIssuerId, newIssuerId);
        var newSubject = rotated.GetProperty("subject").GetString()!;

        var eventsBeforeRevoke = log.Read().Count;
        var revoked = await CliJson.RunAsync("ca", "revoke", oldIssuerId, "--data", data);
        Assert.Equal(FleetSize, revoked.GetProperty("revokedCertificates").GetInt32());

        // Every device: dropped by the broker, a new certificate from the new intermediate through /new, connected again.
        var after = await log.WaitUntilAsync(
            events => devices.All(id => ReconnectedWithNewIssuer(events.Skip(eventsBeforeRevoke), id, newSubject)),
            Step,
            $"all {FleetSize} devices re-provisioned from {newIssuerId} and reconnected");
        var afterRevoke = after.Skip(eventsBeforeRevoke).ToList();
        Assert.All(devices, id => Assert.Contains(afterRevoke, e => e.DeviceId == id && e.Event is "disconnected" or "refused"));

        await fleet.InterruptAsync();
        var stopped = await fleet.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var summary = new DeviceEventLog(fleet).Read().Last(e => e.Event == "summary");
        Assert.Equal(FleetSize, summary.Fields.GetProperty("devices").GetInt32());
        Assert.Equal(0, stopped.ExitCode);

        // Zero devices left without a certificate: each thing has exactly one ACTIVE certificate, from the new CA.
        var list = await CliJson.RunAsync("ca", "list", "--data", data);
        Assert.Equal("revoked", Issuer(list, oldIssuerId).GetProperty("status").GetString());
        Assert.Equal("active", Issuer(list, newIssuerId).GetProperty("status").GetString());
        foreach (var id in devices.Take(10))
        {
            var certificates = await CliJson.ThingCertificatesAsync(data, id);
            var active = Assert.Single(certificates, c => c.Status == "active");
            var report = await CliJson.RunAsync("certs", "show", active.Id, "--data", data);
            Assert.Equal(newSubject, report.GetProperty("issuer").GetString());
        }

        await AssertRootCrlListsAsync(serve, oldSerial);
    }

    public void Dispose() => _scratch.Dispose();

    private static Dictionary<string, DeviceEvent> ConnectedDevices(IEnumerable<DeviceEvent> events)
    {
        // The latest session event per device decides whether it is connected now.
        var latest = new Dictionary<string, DeviceEvent>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Event is "connected" or "disconnected" or "refused"))
        {
            latest[e.DeviceId] = e;
        }

        return latest.Where(pair => pair.Value.Event == "connected").ToDictionary(StringComparer.Ordinal);
    }

    private static bool ReconnectedWithNewIssuer(IEnumerable<DeviceEvent> events, string deviceId, string newSubject)
    {
        var mine = events.Where(e => e.DeviceId == deviceId).ToList();
        var provisioned = mine.FindIndex(e => e.Event == "provisioned" && e.Text("issuer") == newSubject);
        return provisioned >= 0
            && mine.Skip(provisioned).Any(e => e.Event == "connected" && e.CertificateId == mine[provisioned].CertificateId);
    }

    private static JsonElement Issuer(JsonElement list, string id)
        => list.GetProperty("issuers").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    private async Task AssertRootCrlListsAsync(ServeProcess serve, string serialHex)
    {
        // As an operator would fetch it: curl trusting the published chain (the server's TLS
        // certificate must by now chain to the new intermediate).
        var data = _scratch.File("data");
        var crlPath = _scratch.File("root.crl");
        var fetched = await ExternalTool.RunAsync(
            "curl",
            ["-sS", "--fail", "--cacert", Path.Combine(data, "pki", "ca-chain.pem"), "-o", crlPath, new Uri(serve.Url, "crl/root").ToString()]);
        Assert.True(fetched.ExitCode == 0, $"GET /crl/root failed: {fetched}");

        // Signed by the root (openssl crl reports "verify OK" on stderr, and exits 0 either way) and lists the old intermediate.
        var root = Path.Combine(data, "pki", "root.crt");
        var crl = await ExternalTool.RunAsync("openssl", ["crl", "-inform", "DER", "-in", crlPath, "-noout", "-text", "-CAfile", root]);
        Assert.True(crl.ExitCode == 0 && crl.StandardError.Contains("verify OK", StringComparison.Ordinal), $"the root CRL does not verify: {crl}");
        Assert.Contains(serialHex.TrimStart('0').ToUpperInvariant(), crl.StandardOutput.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), StringComparison.Ordinal);
    }
}
