using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>
/// A throwaway in-memory CA that really signs the profile (so answers hold parseable
/// certificates) and counts issuances. <see cref="NextFailure"/> makes the next call throw.
/// </summary>
internal sealed class InMemoryCertificateAuthority : ICertificateAuthority, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _caCertificate;
    private int _issueCalls;

    public InMemoryCertificateAuthority(DateTimeOffset now)
    {
        var request = new CertificateRequest("CN=Test Issuing CA", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _caCertificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
    }

    public int IssueCalls => Volatile.Read(ref _issueCalls);

    public Exception? NextFailure { get; set; }

    public CertificateProfile? LastProfile { get; private set; }

    public byte[] CaCertificateDer => _caCertificate.RawData;

    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new IssuerDescription(_caCertificate.NotBefore, _caCertificate.NotAfter, [_caCertificate.RawData]));

    public async Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        // Yield so parallel callers really overlap with an issuance in progress.
        await Task.Yield();
        var failure = NextFailure;
        if (failure is not null)
        {
            NextFailure = null;
            throw failure;
        }

        Interlocked.Increment(ref _issueCalls);
        LastProfile = profile;
        var request = new CertificateRequest(
            new X500DistinguishedName("CN=" + profile.DeviceId),
            PublicKey.CreateFromSubjectPublicKeyInfo(profile.SubjectPublicKey, out _),
            HashAlgorithmName.SHA256);
        using var certificate = request.Create(_caCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key),
            profile.NotBefore, profile.NotAfter, profile.SerialNumber);
        return new IssuedCertificate(
            certificate.RawData,
            [_caCertificate.RawData],
            Convert.ToHexString(profile.SerialNumber),
            profile.NotAfter,
            Convert.ToHexString(profile.SerialNumber));
    }

    public void Dispose()
    {
        _caCertificate.Dispose();
        _key.Dispose();
    }
}
