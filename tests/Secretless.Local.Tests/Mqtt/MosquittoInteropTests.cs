using Secretless.Core.Registry;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>The broker against Debian's mosquitto clients, the way the README tells devices to connect.</summary>
public sealed class MosquittoInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    // A back-end monitor may watch every thing's topics; devices get the product-line policy.
    private const string MonitorPolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"iot:Connect","Resource":"arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}"},
          {"Effect":"Allow","Action":"iot:Subscribe","Resource":"arn:aws:iot:*:*:topicfilter/things/*"},
          {"Effect":"Allow","Action":"iot:Receive","Resource":"arn:aws:iot:*:*:topic/things/*"}]}
        """;

    private BrokerTestEnvironment _environment = null!;

    public async Task InitializeAsync() => _environment = await BrokerTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task MosquittoPubAndSub_ProvisionedCertificates_ExchangeAMessage()
    {
        var device = await _environment.ProvisionAsync("meter-001");
        var monitor = await _environment.ProvisionAsync("monitor-001", policyName: "monitor", policyDocument: MonitorPolicy);
        List<string> subscribe = [.. MosquittoClient.ConnectionArguments(_environment, monitor, monitor.ThingName), "-t", "things/meter-001/#", "-C", "1", "-W", "15", "-v", "-d"];
        // stdbuf: line-buffered stdout, so the SUBACK line arrives when it happens, not at exit.
        using var subscriber = MosquittoClient.Start("stdbuf", ["-oL", "mosquitto_sub", .. subscribe]);
        var output = new System.Text.StringBuilder();

        // -d prints the SUBACK: publish only once the subscription exists (no sleeping).
        while (await subscriber.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.Contains("received SUBACK", StringComparison.Ordinal))
            {
                break;
            }
        }

        var published = await MosquittoClient.RunAsync(
            "mosquitto_pub",
            [.. MosquittoClient.ConnectionArguments(_environment, device, device.ThingName), "-t", "things/meter-001/reading", "-m", "42 kWh", "-q", "1"],
            ToolTimeout);
        output.Append(await subscriber.StandardOutput.ReadToEndAsync());
        await subscriber.WaitForExitAsync(new CancellationTokenSource(ToolTimeout).Token);

        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.True(subscriber.ExitCode == 0, $"mosquitto_sub exit {subscriber.ExitCode}: {output} {await subscriber.StandardError.ReadToEndAsync()} broker: {string.Join(" | ", _environment.Log.Entries.Select(e => e.Message))}");
        Assert.Contains("things/meter-001/reading 42 kWh", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MosquittoPub_DeviceTrustingOnlyTheRoot_ConnectsBecauseTheBrokerSendsItsIssuingCa()
    {
        // Firmware usually pins the root alone; the issuing CA changes with every `ca rotate`.
        var device = await _environment.ProvisionAsync("meter-010");
        var arguments = MosquittoClient.ConnectionArguments(_environment, device, device.ThingName);
        arguments[arguments.IndexOf("--cafile") + 1] = _environment.Pki.RootCertificatePath;

        var result = await MosquittoClient.RunAsync(
            "mosquitto_pub", [.. arguments, "-t", "things/meter-010/reading", "-m", "1", "-q", "1"], ToolTimeout);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task MosquittoPub_ForeignCaCertificate_Refused()
    {
        var foreign = await _environment.ForeignCertificateAsync("meter-002");

        var result = await PublishAsync(foreign, foreign.ThingName, "things/meter-002/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.True(_environment.Log.Has(3003, foreign.CertificateId));
    }

    [Fact]
    public async Task MosquittoPub_NeverRegisteredCertificate_RefusedAtConnect()
    {
        var thing = await _environment.ProvisionAsync("meter-003", register: false);

        var result = await PublishAsync(thing, thing.ThingName, "things/meter-003/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("bad user name or password", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MosquittoPub_RevokedCertificate_RefusedAtConnect()
    {
        var thing = await _environment.ProvisionAsync("meter-004");
        await _environment.OpenSecondRegistry().SetCertificateStatusAsync(thing.CertificateId, CertificateStatus.Revoked, CancellationToken.None);

        var result = await PublishAsync(thing, thing.ThingName, "things/meter-004/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("not authori", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MosquittoPub_WrongClientId_RefusedAtConnect()
    {
        var thing = await _environment.ProvisionAsync("meter-005");

        var result = await PublishAsync(thing, "meter-555", "things/meter-005/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("identifier rejected", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MosquittoPub_NoClientCertificate_Refused()
    {
        var result = await PublishAsync(identity: null, "meter-006", "things/meter-006/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(_environment.Log.Entries, entry => entry.EventId == 3002);
    }

    [Fact]
    public async Task MosquittoPub_OtherThingsTopic_Refused()
    {
        var thing = await _environment.ProvisionAsync("meter-007");

        var result = await PublishAsync(thing, thing.ThingName, "things/meter-other/reading");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.True(_environment.Log.Has(3020, "things/meter-other/reading"));
    }

    [Fact]
    public async Task MosquittoSub_AllTopics_Refused()
    {
        var thing = await _environment.ProvisionAsync("meter-008");

        var result = await MosquittoClient.RunAsync(
            "mosquitto_sub",
            [.. MosquittoClient.ConnectionArguments(_environment, thing, thing.ThingName), "-t", "#", "-C", "1", "-W", "5"],
            ToolTimeout);

        // mosquitto_sub 2.0 reports a refused SUBACK on stderr and exits (with 0) instead of waiting.
        Assert.Contains("All subscription requests were denied", result.StandardError, StringComparison.Ordinal);
        Assert.True(_environment.Log.Has(3021, "#"));
    }

    private Task<MosquittoClient.Result> PublishAsync(ProvisionedThing? identity, string clientId, string topic)
        => MosquittoClient.RunAsync(
            "mosquitto_pub",
            [.. MosquittoClient.ConnectionArguments(_environment, identity, clientId), "-t", topic, "-m", "1", "-q", "1"],
            ToolTimeout);
}
