using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// A P-256 certificate authority that lives only in memory: a self-signed root, or a CA signed by
/// another one. It issues end-entity certificates for a subject and public key taken from a CSR.
/// </summary>
internal sealed class InMemoryCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private InMemoryCertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem();

    public static InMemoryCertificateAuthority CreateRoot(string distinguishedName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(new X500DistinguishedName(distinguishedName), key, pathLength: 1);
        using var selfSigned = request.CreateSelfSigned(notBefore, notAfter);
        return new InMemoryCertificateAuthority(X509CertificateLoader.LoadCertificate(selfSigned.RawData), key);
    }

    /// <summary>A CA below this one (path length 0: it may only issue end-entity certificates).</summary>
    public InMemoryCertificateAuthority CreateSubordinate(string distinguishedName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(new X500DistinguishedName(distinguishedName), key, pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, NewSerialNumber());
        return new InMemoryCertificateAuthority(X509CertificateLoader.LoadCertificate(signed.RawData), key);
    }

    /// <summary>
    /// An end-entity certificate (not a CA, key usage digitalSignature, the given extended key
    /// usages, SKI/AKI) for <paramref name="subject"/> and <paramref name="publicKey"/>, with a
    /// random positive 20-byte serial.
    /// </summary>
    public X509Certificate2 IssueEndEntity(
        X500DistinguishedName subject,
        PublicKey publicKey,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        HashAlgorithmName hash,
        OidCollection extendedKeyUsages)
    {
        var request = new CertificateRequest(subject, publicKey, hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(extendedKeyUsages, false));
        using var signed = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, NewSerialNumber());
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    /// <summary>20 random bytes with the top bit clear (positive) and non-zero first byte (fixed length).</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static CertificateRequest CaRequest(X500DistinguishedName name, ECDsa key, int pathLength)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
