using Secretless.Local.Pki;
using Secretless.Local.Tests.Mqtt;

namespace Secretless.Local.Tests.Pki;

/// <summary>The running broker follows CA rotation and revocation: real mosquitto_pub against it.</summary>
public sealed class BrokerIssuerTrustTests : IAsyncLifetime
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    private BrokerTestEnvironment _environment = null!;

    public async Task InitializeAsync() => _environment = await BrokerTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task MosquittoPub_AfterRotate_OldAndNewIssuersCertificatesAreAccepted()
    {
        var old = await _environment.ProvisionAsync("meter-rot-1");
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        Assert.True(_environment.Pki.RefreshIfChanged());
        var fresh = await _environment.ProvisionAsync("meter-rot-2");

        var oldResult = await PublishAsync(old);
        var freshResult = await PublishAsync(fresh);

        Assert.True(oldResult.ExitCode == 0, oldResult.ToString());
        Assert.True(freshResult.ExitCode == 0, freshResult.ToString());
        // The broker's own certificate now chains to the new CA: mosquitto verified it with the new chain file.
        Assert.Contains(rotation.ActiveIssuerId, _environment.Pki.ActiveIssuerId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MosquittoPub_AfterRevokingTheOldIssuer_OldCertificateRefusedAtTls()
    {
        var old = await _environment.ProvisionAsync("meter-rev-1");
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        _environment.Pki.RefreshIfChanged();
        LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);
        Assert.True(_environment.Pki.RefreshIfChanged());
        var fresh = await _environment.ProvisionAsync("meter-rev-2");

        var oldResult = await PublishAsync(old);
        var freshResult = await PublishAsync(fresh);

        // Still ACTIVE in the registry (no cascade here): the refusal is the TLS trust decision alone.
        Assert.True(oldResult.ExitCode != 0, oldResult.ToString());
        Assert.True(_environment.Log.Has(3003, old.CertificateId), string.Join(" | ", _environment.Log.Entries.Select(e => e.Message)));
        Assert.True(freshResult.ExitCode == 0, freshResult.ToString());
    }

    private Task<MosquittoClient.Result> PublishAsync(ProvisionedThing thing)
        => MosquittoClient.RunAsync(
            "mosquitto_pub",
            [.. MosquittoClient.ConnectionArguments(_environment, thing, thing.ThingName), "-t", $"things/{thing.ThingName}/reading", "-m", "1", "-q", "1"],
            ToolTimeout);
}
