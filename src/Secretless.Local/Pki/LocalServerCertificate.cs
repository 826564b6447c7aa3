using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Pki;

/// <summary>
/// A TLS server certificate of the local CA with the issuing CA that signed it, ready for
/// SslStream (the context sends the issuing CA in the handshake). Owned by <see cref="LocalPki"/>.
/// </summary>
public sealed class LocalServerCertificate : IDisposable
{
    internal LocalServerCertificate(X509Certificate2 certificate, X509Certificate2 issuer, string issuerId)
    {
        Certificate = certificate;
        IssuerId = issuerId;
        Chain = [X509CertificateLoader.LoadCertificate(issuer.RawData)];
        Context = SslStreamCertificateContext.Create(certificate, Chain, offline: true);
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The issuing CA certificate (no root: clients hold it as their trust anchor).</summary>
    public X509Certificate2Collection Chain { get; }

    public SslStreamCertificateContext Context { get; }

    /// <summary>The id of the issuing CA that signed <see cref="Certificate"/>.</summary>
    public string IssuerId { get; }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
