using System.Globalization;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Issuance;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Issuance;

/// <summary>Ledger and registry in one file: record, register and complete as one write item.</summary>
public sealed class SqliteAtomicIssuanceRecorderTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteIssuanceLedger _ledger;
    private readonly SqliteThingRegistry _registry;
    private readonly IAtomicIssuanceRecorder _recorder;

    public SqliteAtomicIssuanceRecorderTests()
    {
        _ledger = new SqliteIssuanceLedger(_environment.Database);
        _registry = new SqliteThingRegistry(_environment.Database, new LocalStackOptions(), _environment.Time);
        _recorder = _ledger.BindRegistry(_registry) ?? throw new InvalidOperationException("Same database: the ledger must bind.");
    }

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task RecordRegisteredAsync_NoRecord_OneWriteCompletesTheRecordAndRegistersEverything()
    {
        var key = KeyOf("dev-1", 1);
        var issued = Issued("dev-1");
        var itemsBefore = _environment.Database.WriteQueue.Items;

        var result = await _recorder.RecordRegisteredAsync(key, issued, Registration("dev-1", issued), _environment.Time.Now, CancellationToken.None);

        Assert.Equal(itemsBefore + 1, _environment.Database.WriteQueue.Items);
        Assert.True(result.Registered);
        Assert.False(result.ThingHadOtherCertificates);
        var certificateId = SqliteThingRegistry.CertificateIdOf(issued.CertificateDer);
        Assert.Equal(certificateId, result.Record.CertificateId);
        var stored = await _ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, stored!.State);
        Assert.Equal(certificateId, stored.CertificateId);
        Assert.Equal(issued.CertificateDer, stored.Certificate!.CertificateDer);
        Assert.Equal(issued.SerialNumberHex, stored.Certificate.SerialNumberHex);
        Assert.Equal(result.Record.CompletedAt, stored.CompletedAt);
        var certificate = await _registry.GetCertificateAsync(certificateId, CancellationToken.None);
        Assert.Equal(CertificateStatus.Active, certificate!.Status);
        Assert.Equal(["dev-1"], certificate.ThingNames);
        Assert.Equal(["product-line"], certificate.PolicyNames);
        Assert.Empty(await _ledger.ListIncompleteAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task RecordRegisteredAsync_PendingRecord_CompletesItAndKeepsItsCreationTime()
    {
        var key = KeyOf("dev-2", 2);
        var begun = await _ledger.BeginAsync(key, _environment.Time.Now, CancellationToken.None);
        _environment.Time.Advance(TimeSpan.FromMinutes(5));
        var issued = Issued("dev-2");

        var result = await _recorder.RecordRegisteredAsync(key, issued, Registration("dev-2", issued), _environment.Time.Now, CancellationToken.None);

        Assert.True(result.Registered);
        var stored = await _ledger.FindAsync(key, CancellationToken.None);
        Assert.Equal(IssuanceState.Completed, stored!.State);
        Assert.Equal(begun.CreatedAt, stored.CreatedAt);
        Assert.Equal(begun.CreatedAt, result.Record.CreatedAt);
        Assert.True(stored.CompletedAt > stored.CreatedAt);
    }

    [Fact]
    public async Task RecordRegisteredAsync_AnotherCertificateRecordedFirst_WritesNothingAndReturnsTheWinner()
    {
        var key = KeyOf("dev-3", 3);
        var winner = Issued("dev-3");
        await _ledger.BeginAsync(key, _environment.Time.Now, CancellationToken.None);
        await _ledger.RecordIssuedAsync(key, winner, CancellationToken.None);
        var loser = Issued("dev-3");

        var result = await _recorder.RecordRegisteredAsync(key, loser, Registration("dev-3", loser), _environment.Time.Now, CancellationToken.None);

        Assert.False(result.Registered);
        Assert.Equal(IssuanceState.Issued, result.Record.State);
        Assert.Equal(winner.CertificateDer, result.Record.Certificate!.CertificateDer);
        Assert.Null(await _registry.GetCertificateAsync(SqliteThingRegistry.CertificateIdOf(loser.CertificateDer), CancellationToken.None));
        Assert.Equal(IssuanceState.Issued, (await _ledger.FindAsync(key, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RecordRegisteredAsync_SecondCertificateOfTheThing_ReportsTheEarlierOneUntilItIsRevoked()
    {
        var first = Issued("dev-4");
        await _recorder.RecordRegisteredAsync(KeyOf("dev-4", 41), first, Registration("dev-4", first), _environment.Time.Now, CancellationToken.None);
        var second = Issued("dev-4");

        var rotated = await _recorder.RecordRegisteredAsync(KeyOf("dev-4", 42), second, Registration("dev-4", second), _environment.Time.Now, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(SqliteThingRegistry.CertificateIdOf(first.CertificateDer), CertificateStatus.Revoked, CancellationToken.None);
        await _registry.SetCertificateStatusAsync(SqliteThingRegistry.CertificateIdOf(second.CertificateDer), CertificateStatus.Revoked, CancellationToken.None);
        var third = Issued("dev-4");
        var afterRevocation = await _recorder.RecordRegisteredAsync(KeyOf("dev-4", 43), third, Registration("dev-4", third), _environment.Time.Now, CancellationToken.None);

        Assert.True(rotated.ThingHadOtherCertificates);
        Assert.False(afterRevocation.ThingHadOtherCertificates);
    }

    [Fact]
    public async Task RecordRegisteredAsync_TwoProcessesRaceForOneKey_ExactlyOneCertificateIsRegistered()
    {
        // A second SqliteDatabase on the same file is another writer, as another process would be.
        using var otherDatabase = SqliteDatabase.Open(_environment.DataDirectory, _environment.Time);
        var otherRecorder = new SqliteIssuanceLedger(otherDatabase).BindRegistry(new SqliteThingRegistry(otherDatabase, new LocalStackOptions(), _environment.Time))!;
        var key = KeyOf("dev-5", 5);
        var mine = Issued("dev-5");
        var theirs = Issued("dev-5");

        var results = await Task.WhenAll(
            Task.Run(() => _recorder.RecordRegisteredAsync(key, mine, Registration("dev-5", mine), _environment.Time.Now, CancellationToken.None)),
            Task.Run(() => otherRecorder.RecordRegisteredAsync(key, theirs, Registration("dev-5", theirs), _environment.Time.Now, CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Registered);
        var loser = Assert.Single(results, r => !r.Registered);
        Assert.Equal(winner.Record.CertificateId, loser.Record.CertificateId);
        Assert.Equal(IssuanceState.Completed, loser.Record.State);
        var thing = await _registry.ListThingCertificatesAsync("dev-5", CancellationToken.None);
        Assert.Equal(winner.Record.CertificateId, Assert.Single(thing).CertificateId);
    }

    [Fact]
    public async Task RecordRegisteredAsync_InvalidPolicyDocument_ThrowsAndWritesNothing()
    {
        var key = KeyOf("dev-6", 6);
        var issued = Issued("dev-6");
        var registration = new DeviceCertificateRegistration("dev-6", issued.CertificateDer, "product-line", "{not json", Reactivate: false);

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => _recorder.RecordRegisteredAsync(key, issued, registration, _environment.Time.Now, CancellationToken.None));

        Assert.Null(await _ledger.FindAsync(key, CancellationToken.None));
        Assert.Empty(await _registry.ListThingCertificatesAsync("dev-6", CancellationToken.None));
    }

    [Fact]
    public void BindRegistry_RegistryInAnotherDatabase_ReturnsNull()
    {
        using var other = new TemporaryDirectory();
        using var otherDatabase = SqliteDatabase.Open(Path.Combine(other.Path, "region.db"), _environment.Time);

        var recorder = _ledger.BindRegistry(new SqliteThingRegistry(otherDatabase, new LocalStackOptions(), _environment.Time));

        Assert.Null(recorder);
    }

    private static IssuanceKey KeyOf(string deviceId, int n) => new(deviceId, n.ToString("x64", CultureInfo.InvariantCulture));

    private IssuedCertificate Issued(string deviceId)
    {
        var der = TestCertificates.SelfSignedDer(deviceId);
        var serial = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        return new IssuedCertificate(der, [der], serial, _environment.Time.Now.AddDays(30), "local:test:" + serial);
    }

    private static DeviceCertificateRegistration Registration(string thing, IssuedCertificate issued)
        => new(thing, issued.CertificateDer, "product-line", Policy, Reactivate: false);
}
