using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Aws.DynamoDb;
using Secretless.Core.Issuance;

namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>The contract SqliteIssuanceLedgerTests checks, against dynalite.</summary>
[Collection(DynaliteGroup.Name)]
public sealed class DynamoDbIssuanceLedgerTests
{
    private static readonly IssuanceKey Key = new("dev-1", new string('a', 64));
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly DynaliteProcess _dynalite;
    private readonly string _table = DynaliteProcess.NewTableName("ledger");
    private readonly DynamoDbIssuanceLedger _ledger;

    public DynamoDbIssuanceLedgerTests(DynaliteProcess dynalite)
    {
        _dynalite = dynalite;
        _ledger = dynalite.CreateLedger(_table);
    }

    [Fact]
    public async Task BeginAsync_NewKey_CreatesPendingRecord()
    {
        var record = await _ledger.BeginAsync(Key, Now, CancellationToken.None);

        Assert.Equal(Key, record.Key);
        Assert.Equal(IssuanceState.Pending, record.State);
        Assert.Null(record.Certificate);
        Assert.Null(record.CertificateId);
        Assert.Equal(Now, record.CreatedAt);
        Assert.Equal(record, await _ledger.FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task BeginAsync_TwentyConcurrentCallersOnTwoLedgerInstances_ShareOnePendingRecord()
    {
        var other = _dynalite.CreateLedger(_table);
        await _ledger.ListIncompleteAsync(1, CancellationToken.None); // create the table before the race
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 20)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await (i % 2 == 0 ? _ledger : other).BeginAsync(Key, Now.AddMilliseconds(i), CancellationToken.None);
            }))
            .ToArray();

        start.SetResult();
        var records = await Task.WhenAll(callers);

        Assert.All(records, record => Assert.Equal(IssuanceState.Pending, record.State));
        Assert.Single(records.Select(record => record.CreatedAt).Distinct());
        Assert.Single(await other.ListIncompleteAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task RecordIssuedThenComplete_FullLifecycle_ReturnsStoredCertificate()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);
        var issued = SampleCertificate();

        await _ledger.RecordIssuedAsync(Key, issued, CancellationToken.None);
        var afterIssue = await _ledger.FindAsync(Key, CancellationToken.None);
        var completedAt = Now.AddSeconds(2);
        await _ledger.CompleteAsync(Key, "cert-id-1", completedAt, CancellationToken.None);
        var afterComplete = await _ledger.FindAsync(Key, CancellationToken.None);

        Assert.Equal(IssuanceState.Issued, afterIssue!.State);
        Assert.Equal(IssuanceState.Completed, afterComplete!.State);
        Assert.Equal("cert-id-1", afterComplete.CertificateId);
        Assert.Equal(completedAt, afterComplete.CompletedAt);
        Assert.Equal(Now, afterComplete.CreatedAt);
        var stored = afterComplete.Certificate!;
        Assert.Equal(issued.CertificateDer, stored.CertificateDer);
        Assert.Equal(issued.ChainDer.Count, stored.ChainDer.Count);
        Assert.Equal(issued.ChainDer[0], stored.ChainDer[0]);
        Assert.Equal(issued.ChainDer[1], stored.ChainDer[1]);
        Assert.Equal(issued.SerialNumberHex, stored.SerialNumberHex);
        Assert.Equal(issued.NotAfter, stored.NotAfter);
        Assert.Equal(issued.AuthorityReference, stored.AuthorityReference);
        Assert.Empty(await _ledger.ListIncompleteAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task RecordIssuedAsync_SecondCertificateForSameKey_KeepsTheFirst()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);
        var first = SampleCertificate();
        await _ledger.RecordIssuedAsync(Key, first, CancellationToken.None);

        await _dynalite.CreateLedger(_table).RecordIssuedAsync(Key, SampleCertificate() with { SerialNumberHex = "02" }, CancellationToken.None);

        var stored = (await _ledger.FindAsync(Key, CancellationToken.None))!.Certificate!;
        Assert.Equal(first.SerialNumberHex, stored.SerialNumberHex);
        Assert.Equal(first.CertificateDer, stored.CertificateDer);
    }

    [Fact]
    public async Task RecordIssuedAsync_CertificateWithEmptyChain_RoundTrips()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);

        await _ledger.RecordIssuedAsync(Key, SampleCertificate() with { ChainDer = [] }, CancellationToken.None);

        Assert.Empty((await _ledger.FindAsync(Key, CancellationToken.None))!.Certificate!.ChainDer);
    }

    [Fact]
    public async Task RecordIssuedAsync_NeverBegun_ThrowsAndCreatesNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _ledger.RecordIssuedAsync(Key, SampleCertificate(), CancellationToken.None));

        Assert.Null(await _ledger.FindAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_StillPending_Throws()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _ledger.CompleteAsync(Key, "id", Now, CancellationToken.None));
        Assert.Contains("before a certificate is recorded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_NeverBegun_Throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _ledger.CompleteAsync(Key, "id", Now, CancellationToken.None));
        Assert.Contains("No issuance was begun", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Twice_KeepsFirstCompletion()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);
        await _ledger.RecordIssuedAsync(Key, SampleCertificate(), CancellationToken.None);
        await _ledger.CompleteAsync(Key, "first", Now, CancellationToken.None);

        await _ledger.CompleteAsync(Key, "second", Now.AddHours(1), CancellationToken.None);

        var record = await _ledger.FindAsync(Key, CancellationToken.None);
        Assert.Equal("first", record!.CertificateId);
        Assert.Equal(Now, record.CompletedAt);
    }

    [Fact]
    public async Task ListIncompleteAsync_MixedStates_ReturnsOldestIncompleteFirst()
    {
        var older = new IssuanceKey("dev-old", new string('b', 64));
        var newer = new IssuanceKey("dev-new", new string('c', 64));
        var done = new IssuanceKey("dev-done", new string('d', 64));
        await _ledger.BeginAsync(newer, Now.AddMinutes(5), CancellationToken.None);
        await _ledger.BeginAsync(older, Now, CancellationToken.None);
        await _ledger.BeginAsync(done, Now.AddMinutes(-5), CancellationToken.None);
        await _ledger.RecordIssuedAsync(older, SampleCertificate(), CancellationToken.None);
        await _ledger.RecordIssuedAsync(done, SampleCertificate(), CancellationToken.None);
        await _ledger.CompleteAsync(done, "id", Now, CancellationToken.None);

        var incomplete = await _ledger.ListIncompleteAsync(10, CancellationToken.None);
        var oldestOnly = await _ledger.ListIncompleteAsync(1, CancellationToken.None);

        Assert.Equal([older, newer], incomplete.Select(record => record.Key));
        Assert.Equal([IssuanceState.Issued, IssuanceState.Pending], incomplete.Select(record => record.State));
        Assert.Equal([older], oldestOnly.Select(record => record.Key));
    }

    [Fact]
    public async Task FindAsync_SameDeviceOtherCsr_ReturnsNull()
    {
        await _ledger.BeginAsync(Key, Now, CancellationToken.None);

        Assert.Null(await _ledger.FindAsync(Key with { CsrSha256Hex = new string('f', 64) }, CancellationToken.None));
    }

    [Fact]
    public async Task BeginAsync_DeviceIdWithKeySeparator_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => _ledger.BeginAsync(new IssuanceKey("dev#1", new string('a', 64)), Now, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_TableCreatedForTheDirectory_ThrowsNamingTheKey()
    {
        var directory = DynaliteProcess.CreateDirectory(_dynalite.DirectoryOptions(_table));
        await directory.CountAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _ledger.FindAsync(Key, CancellationToken.None));

        Assert.Contains("'issuance-key'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'device-id'", error.Message, StringComparison.Ordinal);
    }

    private static IssuedCertificate SampleCertificate()
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=sample", key, HashAlgorithmName.SHA256);
        var notAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var leaf = request.CreateSelfSigned(notAfter.AddYears(-1), notAfter);
        using var ca = request.CreateSelfSigned(notAfter.AddYears(-2), notAfter.AddYears(1));
        return new IssuedCertificate(leaf.RawData, [ca.RawData, leaf.RawData], "01ab", notAfter, "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x/certificate/01ab");
    }
}
