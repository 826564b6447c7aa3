using System.Formats.Asn1;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Csr;

namespace Secretless.Benchmarks;

/// <summary>
/// What every first-time device costs: importing its public key and checking one signature with
/// it, a different key each call (a cached key would hide the import). <c>Native</c> = true is the
/// direct libcrypto path of <c>VerificationKey</c>, false forces the .NET fallback through the
/// <c>Secretless.Core.Keys.DisableNativeEcdsa</c> AppContext switch. BenchmarkDotNet runs each
/// parameter case in a process of its own, so the switch is set before the core first reads it.
/// </summary>
[MemoryDiagnoser]
public class PublicKeyImportBenchmarks
{
    private const int DistinctKeys = 512;

    private BenchDevice[] _devices = null!;
    private byte[][] _signedParts = null!;
    private byte[][] _signatures = null!;
    private int _next;

    [Params(true, false)]
    public bool Native { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        AppContext.SetSwitch("Secretless.Core.Keys.DisableNativeEcdsa", !Native);
        _devices = BenchDevices.Create("import-bench", DistinctKeys);
        _signedParts = new byte[DistinctKeys][];
        _signatures = new byte[DistinctKeys][];
        for (var i = 0; i < DistinctKeys; i++)
        {
            (_signedParts[i], _signatures[i]) = SplitCsr(_devices[i].CsrDer);
            if (!CsrInspector.Inspect(_devices[i].CsrDer).Succeeded)
            {
                throw new InvalidOperationException("A benchmark CSR does not pass inspection; the numbers would measure a refusal.");
            }
        }
    }

    /// <summary>Reference: what <c>VerificationKey</c> did before the native path (and still does as fallback).</summary>
    [Benchmark(Baseline = true)]
    public bool DotNetImportAndVerify()
    {
        var i = NextIndex();
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_devices[i].PublicKeySpki, out _);
        return key.VerifyData(_signedParts[i], _signatures[i], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The whole CSR check of a first-time device: parse, normalize the key, import it, verify.</summary>
    [Benchmark]
    public bool InspectDistinctCsr() => CsrInspector.Inspect(_devices[NextIndex()].CsrDer).Succeeded;

    private int NextIndex()
    {
        var i = _next;
        _next = i + 1 == DistinctKeys ? 0 : i + 1;
        return i;
    }

    /// <summary>CertificationRequestInfo (the signed bytes) and the DER signature of a PKCS#10 request.</summary>
    private static (byte[] SignedPart, byte[] Signature) SplitCsr(byte[] csrDer)
    {
        var request = new AsnReader(csrDer, AsnEncodingRules.DER).ReadSequence();
        var signedPart = request.ReadEncodedValue().ToArray();
        request.ReadSequence();
        var signature = request.ReadBitString(out _);
        return (signedPart, signature);
    }
}
