using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Csr;
using Secretless.Core.Issuance;
using Secretless.Local.Storage;

namespace Secretless.Benchmarks;

/// <summary>
/// The ledger writes of one provisioning (Begin → RecordIssued → Complete) on a real SQLite file,
/// a new key each time, with both durabilities: Full (an fsync per commit, the default) and Normal;
/// one at a time and <see cref="Concurrency"/> at once.
/// </summary>
[MemoryDiagnoser]
public class IssuanceLedgerBenchmarks
{
    private const int Concurrency = 16;

    private EmbeddedBackends _stack = null!;
    private IIssuanceLedger _ledger = null!;
    private IssuedCertificate _certificate = null!;
    private TimeProvider _time = null!;
    private long _next;

    [Params(SqliteDurability.Full, SqliteDurability.Normal)]
    public SqliteDurability Durability { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _stack = new EmbeddedBackends($"ledger-{Durability}", Durability);
        _ledger = _stack.Ledger;
        _time = _stack.Profiles.TimeProvider;
        var csr = CsrInspector.Inspect(BenchDevices.CreateOne("ledger-bench-00000001").CsrHeader).Csr
            ?? throw new InvalidOperationException("The benchmark CSR does not pass inspection.");
        var issuer = await _stack.Authority.DescribeIssuerAsync(CancellationToken.None);
        _certificate = await _stack.Authority.IssueAsync(_stack.Profiles.Create(csr, issuer), CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _stack.Dispose();

    [Benchmark]
    public Task<IssuanceRecord> BeginRecordComplete() => BeginRecordCompleteOneAsync();

    /// <summary>
    /// <see cref="Concurrency"/> provisionings' ledger writes in flight at once (as concurrent
    /// requests are): the time per provisioning shows whether their commits are shared.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task BeginRecordCompleteConcurrently()
    {
        var requests = new Task[Concurrency];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = Task.Run(BeginRecordCompleteOneAsync);
        }

        return Task.WhenAll(requests);
    }

    private async Task<IssuanceRecord> BeginRecordCompleteOneAsync()
    {
        var n = Interlocked.Increment(ref _next);
        var key = new IssuanceKey($"ledger-{n:D8}", n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture));
        var record = await _ledger.BeginAsync(key, _time.GetUtcNow(), CancellationToken.None);
        await _ledger.RecordIssuedAsync(key, _certificate, CancellationToken.None);
        await _ledger.CompleteAsync(key, $"cert-{n:D8}", _time.GetUtcNow(), CancellationToken.None);
        return record;
    }
}
