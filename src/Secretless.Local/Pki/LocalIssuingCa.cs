using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Pki;

/// <summary>
/// A loaded issuing CA: its certificate, private key and the chain devices receive. Kept for the
/// life of the process; ECDSA signing with an OpenSSL-backed key is safe from many threads.
/// </summary>
internal sealed class LocalIssuingCa : IDisposable
{
    public LocalIssuingCa(string id, X509Certificate2 certificate, ECDsa privateKey, X509Certificate2 root)
    {
        Id = id;
        Certificate = certificate;
        PrivateKey = privateKey;
        SignatureGenerator = X509SignatureGenerator.CreateForECDsa(privateKey);
        SubjectKeyIdentifier = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        P256Writer = P256DeviceCertificateWriter.ForIssuer(certificate, privateKey, SubjectKeyIdentifier);
        ChainDer = [certificate.RawData, root.RawData];
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    public string Id { get; }

    public X509Certificate2 Certificate { get; }

    public ECDsa PrivateKey { get; }

    public X509SignatureGenerator SignatureGenerator { get; }

    public X509SubjectKeyIdentifierExtension SubjectKeyIdentifier { get; }

    /// <summary>
    /// Signs P-256 device certificates with <see cref="PrivateKey"/> from DER encoded once for this
    /// CA; null when this CA's key is not P-256 (every device certificate then takes the general path).
    /// </summary>
    public P256DeviceCertificateWriter? P256Writer { get; }

    /// <summary>Issuing CA first, then the root.</summary>
    public IReadOnlyList<byte[]> ChainDer { get; }

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset NotAfter { get; }

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
