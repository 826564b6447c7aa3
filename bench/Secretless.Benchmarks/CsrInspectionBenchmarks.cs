using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Csr;

namespace Secretless.Benchmarks;

/// <summary>
/// The first step of every request: decode the <c>device-csr</c> header, parse PKCS#10, check the
/// CN and key, verify the signature. The .NET <c>LoadSigningRequest</c> row is the reference the
/// design's goals compare against (it also verifies the signature).
/// </summary>
[MemoryDiagnoser]
public class CsrInspectionBenchmarks
{
    private BenchDevice _device = null!;

    [GlobalSetup]
    public void Setup()
    {
        _device = BenchDevices.CreateOne("csr-bench-00000001");
        if (!CsrInspector.Inspect(_device.CsrHeader).Succeeded)
        {
            throw new InvalidOperationException("The benchmark CSR does not pass inspection; the numbers would measure a refusal.");
        }
    }

    /// <summary>Header (base64 of PEM) → DER → parse → normalize key → verify: what <c>/new</c> does.</summary>
    [Benchmark(Baseline = true)]
    public CsrInspection InspectHeader() => CsrInspector.Inspect(_device.CsrHeader);

    /// <summary>The same without the header decoding (DER in hand).</summary>
    [Benchmark]
    public CsrInspection InspectDer() => CsrInspector.Inspect(_device.CsrDer);

    /// <summary>Reference: the framework's own parse + signature check of the same DER.</summary>
    [Benchmark]
    public CertificateRequest DotNetLoadSigningRequest() =>
        CertificateRequest.LoadSigningRequest(_device.CsrDer, System.Security.Cryptography.HashAlgorithmName.SHA256);
}
