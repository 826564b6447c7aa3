using System.Globalization;
using Secretless.Core.Issuance;
using Secretless.Local.Issuance;
using Secretless.Local.Tests.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Issuance;

/// <summary>The ledger's writes of concurrent provisionings share transactions (one fsync per batch).</summary>
public sealed class SqliteIssuanceLedgerGroupCommitTests : IDisposable
{
    private const int Requests = 32;

    private readonly LocalTestEnvironment _environment = new();
    private readonly SqliteIssuanceLedger _ledger;

    public SqliteIssuanceLedgerGroupCommitTests()
    {
        _ledger = new SqliteIssuanceLedger(_environment.Database);
    }

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task BeginAsync_ConcurrentRequests_OneCommitAndEveryRecordReadableAfterwards()
    {
        var keys = Enumerable.Range(0, Requests).Select(KeyOf).ToArray();
        var queue = _environment.Database.WriteQueue;
        var blocker = new WriterBlocker(_environment.Database);
        await blocker.Started;
        var batchesBefore = queue.Batches;

        var begins = new Task<IssuanceRecord>[Requests];
        Parallel.For(0, Requests, i => begins[i] = _ledger.BeginAsync(keys[i], _environment.Time.Now, CancellationToken.None));
        blocker.Release();
        var records = await Task.WhenAll(begins);

        Assert.Equal(batchesBefore + 1, queue.Batches);
        Assert.All(records, r => Assert.Equal(IssuanceState.Pending, r.State));
        foreach (var key in keys)
        {
            // Read on a pooled reader connection: committed, not only written.
            Assert.Equal(IssuanceState.Pending, (await _ledger.FindAsync(key, CancellationToken.None))!.State);
        }
    }

    [Fact]
    public async Task FullLifecycle_ConcurrentRequests_EveryRecordCompleted()
    {
        var keys = Enumerable.Range(0, Requests).Select(KeyOf).ToArray();
        var issued = new IssuedCertificate([0x30, 0x00], [[0x30, 0x00]], "01", _environment.Time.Now.AddDays(30), "local:test:01");
        var queue = _environment.Database.WriteQueue;

        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            await _ledger.BeginAsync(key, _environment.Time.Now, CancellationToken.None);
            await _ledger.RecordIssuedAsync(key, issued, CancellationToken.None);
            await _ledger.CompleteAsync(key, $"cert-{key.DeviceId}", _environment.Time.Now, CancellationToken.None);
        })));

        Assert.Equal(3 * Requests, queue.Items);
        foreach (var key in keys)
        {
            var record = await _ledger.FindAsync(key, CancellationToken.None);
            Assert.Equal(IssuanceState.Completed, record!.State);
            Assert.Equal($"cert-{key.DeviceId}", record.CertificateId);
        }
    }

    private static IssuanceKey KeyOf(int n)
        => new($"dev-{n}", n.ToString("x64", CultureInfo.InvariantCulture));
}
