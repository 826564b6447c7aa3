using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;

namespace Secretless.Benchmarks;

/// <summary>
/// One whole <c>DeviceProvisioner.ProvisionAsync</c> at a time, in process on the embedded backends
/// (inspect, look up, issue, ledger, register certificate + thing + policy), distinct devices, no HTTP:
/// the latency of a provisioning without concurrency.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class ProvisioningBenchmarks : ProvisioningBenchmarkBase
{
    private const int Invocations = 64;

    protected override int DevicesPerIteration => Invocations;

    [Benchmark]
    public Task Provision() => ProvisionNextAsync();
}
