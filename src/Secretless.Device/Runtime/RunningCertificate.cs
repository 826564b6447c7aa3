using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Runtime;

/// <summary>The certificate a runner currently uses: stored files, TLS identity, when it came, where to connect.</summary>
internal sealed record RunningCertificate(
    StoredDeviceCertificate Stored,
    X509Certificate2 Identity,
    DateTimeOffset ObtainedAt,
    string Endpoint) : IDisposable
{
    public string CertificateId => Stored.CertificateId;

    public string Issuer => Identity.Issuer;

    public void Dispose() => Identity.Dispose();
}
