using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;

namespace Secretless.Benchmarks;

/// <summary>
/// <see cref="ProvisioningBenchmarks"/> with <see cref="Concurrency"/> distinct devices in flight at
/// once on the thread pool, as concurrent requests are: the time per provisioning here is the
/// inverse of in-process throughput, and shows whether storage commits serialize the requests.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class ConcurrentProvisioningBenchmarks : ProvisioningBenchmarkBase
{
    private const int Concurrency = 16;
    private const int Invocations = 8;

    protected override int DevicesPerIteration => Invocations * Concurrency;

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task ProvisionConcurrently()
    {
        var requests = new Task[Concurrency];
        for (var i = 0; i < requests.Length; i++)
        {
            // Task.Run like a server request: the embedded backends complete synchronously, so
            // without it the "concurrent" calls would run one after another on this thread.
            requests[i] = Task.Run(ProvisionNextAsync);
        }

        return Task.WhenAll(requests);
    }
}
