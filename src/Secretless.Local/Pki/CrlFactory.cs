using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Local.Pki;

/// <summary>Builds X.509 v2 CRLs (SHA-256 ECDSA) signed by a CA of the local PKI.</summary>
internal static class CrlFactory
{
    /// <summary>How long a relying party may use a CRL before it must fetch a new one.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    public static byte[] Build(
        X509Certificate2 caCertificate,
        ECDsa caKey,
        IEnumerable<(string SerialHex, DateTimeOffset RevokedAt)> revoked,
        long crlNumber,
        DateTimeOffset now)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serialHex, revokedAt) in revoked)
        {
            builder.AddEntry(Convert.FromHexString(serialHex), revokedAt);
        }

        var subjectKeyIdentifier = caCertificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        return builder.Build(
            caCertificate.SubjectName,
            X509SignatureGenerator.CreateForECDsa(caKey),
            new BigInteger(crlNumber),
            now + Validity,
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyIdentifier),
            now);
    }

    /// <summary>The PEM form (<c>-----BEGIN X509 CRL-----</c>).</summary>
    public static string ToPem(byte[] der) => PemEncoding.WriteString("X509 CRL", der) + "\n";
}
