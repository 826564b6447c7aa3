using BenchmarkDotNet.Attributes;
using Secretless.Core.Provisioning;
using Secretless.Local.Storage;

namespace Secretless.Benchmarks.Support;

/// <summary>
/// Shared setup of the whole-provisioning benchmarks: the embedded stack, and before every
/// iteration a fresh batch of registered devices with their CSRs, so each invocation provisions
/// devices that were never provisioned (a repeated CSR would be an idempotent replay, not an
/// issuance). Subclasses fix the invocation count so the batch is always large enough.
/// </summary>
public abstract class ProvisioningBenchmarkBase
{
    private EmbeddedBackends _stack = null!;
    private BenchDevice[] _batch = [];
    private int _nextInBatch;
    private int _batches;

    [Params(SqliteDurability.Full, SqliteDurability.Normal)]
    public SqliteDurability Durability { get; set; }

    protected DeviceProvisioner Provisioner { get; private set; } = null!;

    /// <summary>Devices one iteration consumes (invocation count × provisionings per invocation).</summary>
    protected abstract int DevicesPerIteration { get; }

    [GlobalSetup]
    public void Setup()
    {
        _stack = new EmbeddedBackends($"provision-{Durability}", Durability);
        Provisioner = _stack.Provisioner;
    }

    [GlobalCleanup]
    public void Cleanup() => _stack.Dispose();

    [IterationSetup]
    public void PrepareDevices()
    {
        _batch = BenchDevices.Create($"provision-{_batches++:D4}", DevicesPerIteration);
        _nextInBatch = 0;
        _stack.RegisterAsync(_batch, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The next never-provisioned device's header; fails loudly rather than reuse one.</summary>
    protected string NextCsrHeader()
    {
        var index = Interlocked.Increment(ref _nextInBatch) - 1;
        return index < _batch.Length
            ? _batch[index].CsrHeader
            : throw new InvalidOperationException($"The iteration used more than its {_batch.Length} prepared devices.");
    }

    protected async Task ProvisionNextAsync()
    {
        var outcome = await Provisioner.ProvisionAsync(NextCsrHeader(), CancellationToken.None);
        if (!outcome.Succeeded || outcome.Replayed)
        {
            throw new InvalidOperationException(
                $"A benchmark provisioning was not a fresh issuance: {outcome.Error?.Code ?? "replayed"}.");
        }
    }
}
