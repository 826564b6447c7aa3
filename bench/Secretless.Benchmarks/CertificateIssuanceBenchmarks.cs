using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Csr;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Local.Storage;

namespace Secretless.Benchmarks;

/// <summary>
/// Building and signing a device certificate with the local CA (ECDSA P-256 intermediate of a real
/// PKI in a temp data directory): the profile the core decides, then the X.509 build + signature.
/// </summary>
[MemoryDiagnoser]
public class CertificateIssuanceBenchmarks
{
    private EmbeddedBackends _stack = null!;
    private ICertificateAuthority _authority = null!;
    private CertificateProfileFactory _profiles = null!;
    private InspectedCsr _csr = null!;
    private IssuerDescription _issuer = null!;
    private CertificateProfile _profile = null!;
    private CertificateProfile _p384Profile = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _stack = new EmbeddedBackends("issue", SqliteDurability.Normal);
        _authority = _stack.Authority;
        _profiles = _stack.Profiles;
        var inspection = CsrInspector.Inspect(BenchDevices.CreateOne("issue-bench-00000001").CsrHeader);
        _csr = inspection.Csr ?? throw new InvalidOperationException("The benchmark CSR does not pass inspection.");
        _issuer = await _authority.DescribeIssuerAsync(CancellationToken.None);
        _profile = _profiles.Create(_csr, _issuer);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _p384Profile = _profile with { SubjectPublicKey = p384.ExportSubjectPublicKeyInfo(), KeyAlgorithm = KeyAlgorithm.EcdsaP384 };
    }

    [GlobalCleanup]
    public void Cleanup() => _stack.Dispose();

    /// <summary>Validity, random serial, idempotency token.</summary>
    [Benchmark]
    public CertificateProfile CreateProfile() => _profiles.Create(_csr, _issuer);

    /// <summary>DeviceCertificateBuilder through the CA port: a P-256 device key, so the AsnWriter fast path.</summary>
    [Benchmark(Baseline = true)]
    public Task<IssuedCertificate> IssueCertificate() => _authority.IssueAsync(_profile, CancellationToken.None);

    /// <summary>
    /// A P-384 device key under the same P-256 CA: the general CertificateRequest path (the fast
    /// path takes P-256 device keys only), so the two rows compare the paths in one run.
    /// </summary>
    [Benchmark]
    public Task<IssuedCertificate> IssueCertificateP384DeviceGeneralPath() => _authority.IssueAsync(_p384Profile, CancellationToken.None);

    /// <summary>What one provisioning asks of the CA: describe issuer, profile, issue.</summary>
    [Benchmark]
    public async Task<IssuedCertificate> DescribeProfileAndIssue()
    {
        var issuer = await _authority.DescribeIssuerAsync(CancellationToken.None);
        return await _authority.IssueAsync(_profiles.Create(_csr, issuer), CancellationToken.None);
    }
}
