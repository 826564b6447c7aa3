using Secretless.Core.Issuance;
using Secretless.Local.Issuance;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Issuance;

public sealed class SqliteIssuanceLedgerTests : IDisposable
{
    private static readonly IssuanceKey Key = new("dev-1", new string('a', 64));

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteIssuanceLedger _ledger;

    public SqliteIssuanceLedgerTests()
    {
        _ledger = new SqliteIssuanceLedger(_environment.Database);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task BeginAsync_NewKey_CreatesPendingRecord()
    {
        var record = await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);

        Assert.Equal(Key, record.Key);
        Assert.Equal(IssuanceState.Pending, record.State);
        Assert.Null(record.Certificate);
        Assert.Null(record.CertificateId);
        Assert.Equal(_environment.Time.Now, record.CreatedAt);
    }

    [Fact]
    public async Task BeginAsync_TwentyConcurrentCallers_ShareOnePendingRecord()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var now = _environment.Time.Now;
        var callers = Enumerable.Range(0, 20)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await _ledger.BeginAsync(Key, now.AddMilliseconds(i), CancellationToken.None);
            }))
            .ToArray();

        start.SetResult();
        var records = await Task.WhenAll(callers);

        Assert.All(records, record => Assert.Equal(IssuanceState.Pending, record.State));
        Assert.Single(records.Select(record => record.CreatedAt).Distinct());
        Assert.Single(await _ledger.ListIncompleteAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task RecordIssuedThenComplete_FullLifecycle_ReturnsStoredCertificate()
    {
        await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);
        var issued = SampleCertificate();

        await _ledger.RecordIssuedAsync(Key, issued, CancellationToken.None);
        var afterIssue = await _ledger.FindAsync(Key, CancellationToken.None);
        var completedAt = _environment.Time.Now.AddSeconds(2);
        await _ledger.CompleteAsync(Key, "cert-id-1", completedAt, CancellationToken.None);
        var afterComplete = await _ledger.FindAsync(Key, CancellationToken.None);

        Assert.Equal(IssuanceState.Issued, afterIssue!.State);
        Assert.Equal(IssuanceState.Completed, afterComplete!.State);
        Assert.Equal("cert-id-1", afterComplete.CertificateId);
        Assert.Equal(completedAt, afterComplete.CompletedAt);
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
        await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);
        var first = SampleCertificate();
        await _ledger.RecordIssuedAsync(Key, first, CancellationToken.None);

        await _ledger.RecordIssuedAsync(Key, SampleCertificate() with { SerialNumberHex = "02" }, CancellationToken.None);

        Assert.Equal(first.SerialNumberHex, (await _ledger.FindAsync(Key, CancellationToken.None))!.Certificate!.SerialNumberHex);
    }

    [Fact]
    public async Task RecordIssuedAsync_NeverBegun_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _ledger.RecordIssuedAsync(Key, SampleCertificate(), CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_StillPending_Throws()
    {
        await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _ledger.CompleteAsync(Key, "id", _environment.Time.Now, CancellationToken.None));
        Assert.Contains("before a certificate is recorded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Twice_KeepsFirstCompletion()
    {
        await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);
        await _ledger.RecordIssuedAsync(Key, SampleCertificate(), CancellationToken.None);
        await _ledger.CompleteAsync(Key, "first", _environment.Time.Now, CancellationToken.None);

        await _ledger.CompleteAsync(Key, "second", _environment.Time.Now.AddHours(1), CancellationToken.None);

        var record = await _ledger.FindAsync(Key, CancellationToken.None);
        Assert.Equal("first", record!.CertificateId);
        Assert.Equal(_environment.Time.Now, record.CompletedAt);
    }

    [Fact]
    public async Task ListIncompleteAsync_MixedStates_ReturnsOldestIncompleteFirst()
    {
        var older = new IssuanceKey("dev-old", new string('b', 64));
        var newer = new IssuanceKey("dev-new", new string('c', 64));
        var done = new IssuanceKey("dev-done", new string('d', 64));
        await _ledger.BeginAsync(newer, _environment.Time.Now.AddMinutes(5), CancellationToken.None);
        await _ledger.BeginAsync(older, _environment.Time.Now, CancellationToken.None);
        await _ledger.BeginAsync(done, _environment.Time.Now.AddMinutes(-5), CancellationToken.None);
        await _ledger.RecordIssuedAsync(older, SampleCertificate(), CancellationToken.None);
        await _ledger.RecordIssuedAsync(done, SampleCertificate(), CancellationToken.None);
        await _ledger.CompleteAsync(done, "id", _environment.Time.Now, CancellationToken.None);

        var incomplete = await _ledger.ListIncompleteAsync(10, CancellationToken.None);

        Assert.Equal([older, newer], incomplete.Select(record => record.Key));
        Assert.Equal([IssuanceState.Issued, IssuanceState.Pending], incomplete.Select(record => record.State));
    }

    [Fact]
    public async Task FindAsync_SameDeviceOtherCsr_ReturnsNull()
    {
        await _ledger.BeginAsync(Key, _environment.Time.Now, CancellationToken.None);

        Assert.Null(await _ledger.FindAsync(Key with { CsrSha256Hex = new string('f', 64) }, CancellationToken.None));
    }

    private static IssuedCertificate SampleCertificate()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=sample", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var notAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var leaf = request.CreateSelfSigned(notAfter.AddYears(-1), notAfter);
        using var ca = request.CreateSelfSigned(notAfter.AddYears(-2), notAfter.AddYears(1));
        return new IssuedCertificate(leaf.RawData, [ca.RawData, leaf.RawData], "01ab", notAfter, "local:ica-test:01ab");
    }
}
