using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Secretless.Aws.AcmPca;

/// <summary>PEM in and out of ACM PCA: CSRs go as PEM bytes, certificates and chains come back as PEM text.</summary>
internal static class AcmPcaPem
{
    /// <summary>The UTF-8 bytes of the CSR's PEM (the blob ACM PCA expects), with a final newline like openssl writes.</summary>
    public static byte[] CsrPemBytes(byte[] csrDer) =>
        Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE REQUEST", csrDer) + "\n");

    /// <summary>Every certificate in <paramref name="pem"/> as DER, in order; empty for null or blank.</summary>
    public static List<byte[]> CertificatesDer(string? pem)
    {
        var certificates = new List<byte[]>();
        var remaining = (pem ?? "").AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            if (remaining[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(Convert.FromBase64String(remaining[fields.Base64Data].ToString()));
            }

            remaining = remaining[fields.Location.End..];
        }

        return certificates;
    }

    /// <summary>The single certificate of <paramref name="pem"/>.</summary>
    public static X509Certificate2 Certificate(string pem, string what)
    {
        var der = CertificatesDer(pem);
        if (der.Count == 0)
        {
            throw new InvalidDataException($"ACM PCA returned no PEM certificate for {what}.");
        }

        return X509CertificateLoader.LoadCertificate(der[0]);
    }
}
