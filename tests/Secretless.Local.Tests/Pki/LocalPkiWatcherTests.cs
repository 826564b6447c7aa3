using Secretless.Local.Hosting;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Mqtt;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalPkiWatcherTests : IDisposable
{
    private readonly CaRotationEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Refresh_AfterRotate_SwitchesTheActiveIssuerAndLogsEvent3040()
    {
        var log = new RecordingLogger<LocalPkiWatcher>();
        var watcher = new LocalPkiWatcher(_environment.Pki, log);
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        watcher.Refresh();
        watcher.Refresh();

        Assert.Equal(rotation.ActiveIssuerId, _environment.Pki.ActiveIssuerId);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(3040, entry.EventId);
        Assert.Contains($"{rotation.PreviousIssuerId} -> {rotation.ActiveIssuerId}", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_DamagedManifest_KeepsTheCurrentIssuerAndLogsEvent3041()
    {
        var log = new RecordingLogger<LocalPkiWatcher>();
        var watcher = new LocalPkiWatcher(_environment.Pki, log);
        var active = _environment.Pki.ActiveIssuerId;
        File.WriteAllText(_environment.PkiFile("pki.json"), "{ not json");

        watcher.Refresh();

        Assert.Equal(active, _environment.Pki.ActiveIssuerId);
        Assert.Equal(3041, Assert.Single(log.Entries).EventId);
    }

    [Fact]
    public void Describe_AfterRotateByAnotherProcess_IssuesFromTheNewIssuerBeforeTheWatcherPolls()
    {
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        var description = _environment.Pki.Describe();

        Assert.Equal(rotation.ActiveIssuerId, _environment.Pki.ActiveIssuerId);
        Assert.Equal(_environment.Pki.IssuingCertificate.RawData, description.ChainDer[0]);
    }

    [Fact]
    public void Refresh_AfterDescribeAlreadyReloaded_StillLogsTheSwitchOnce()
    {
        var log = new RecordingLogger<LocalPkiWatcher>();
        var watcher = new LocalPkiWatcher(_environment.Pki, log);
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        _ = _environment.Pki.Describe();

        watcher.Refresh();
        watcher.Refresh();

        var entry = Assert.Single(log.Entries);
        Assert.Equal(3040, entry.EventId);
        Assert.Contains($"{rotation.PreviousIssuerId} -> {rotation.ActiveIssuerId}", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_DamagedManifest_KeepsDescribingTheCurrentIssuer()
    {
        var active = _environment.Pki.IssuingCertificate.RawData;
        File.WriteAllText(_environment.PkiFile("pki.json"), "{ not json");

        var description = _environment.Pki.Describe();

        Assert.Equal(active, description.ChainDer[0]);
    }
}
