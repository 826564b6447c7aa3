using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Pki;

/// <summary>Builds the local root and issuing CA certificates (ECDSA P-256, SHA-256).</summary>
internal static class CaCertificateFactory
{
    public const string RootCommonName = "Secretless Local Root CA";
    public const string IssuerCommonNamePrefix = "Secretless Local Issuing CA";

    public static readonly TimeSpan RootValidity = TimeSpan.FromDays(3653);
    public static readonly TimeSpan IssuerValidity = TimeSpan.FromDays(1826);

    /// <summary>CAs are backdated a little so a device whose clock runs slightly behind accepts them.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    /// <summary>A self-signed root: CA, path length 1 (one level of issuing CAs), keyCertSign|cRLSign.</summary>
    public static X509Certificate2 CreateRoot(ECDsa rootKey, DateTimeOffset now)
    {
        var subject = Name(RootCommonName);
        var request = new CertificateRequest(subject, rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var subjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(subjectKeyIdentifier);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyIdentifier));
        return request.Create(
            subject,
            X509SignatureGenerator.CreateForECDsa(rootKey),
            now - Backdate,
            now + RootValidity,
            SerialNumbers.NewRandom());
    }

    /// <summary>An issuing CA signed by the root: CA, path length 0, keyCertSign|cRLSign, SKI/AKI.</summary>
    public static X509Certificate2 CreateIssuer(ECDsa issuerKey, X509Certificate2 root, ECDsa rootKey, int ordinal, DateTimeOffset now)
    {
        var request = new CertificateRequest(Name($"{IssuerCommonNamePrefix} {ordinal}"), issuerKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var rootNotAfter = new DateTimeOffset(root.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = now + IssuerValidity < rootNotAfter ? now + IssuerValidity : rootNotAfter;
        return request.Create(
            root.SubjectName,
            X509SignatureGenerator.CreateForECDsa(rootKey),
            now - Backdate,
            notAfter,
            SerialNumbers.NewRandom());
    }

    /// <summary>A short stable id for an issuing CA: the first 4 bytes of its key identifier in hex.</summary>
    public static string IssuerIdOf(X509Certificate2 issuer)
    {
        var subjectKeyIdentifier = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        return "ica-" + subjectKeyIdentifier.SubjectKeyIdentifier![..8].ToLowerInvariant();
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName("Secretless");
        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
