using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.TestSupport.Aws;

/// <summary>Checks that a certificate was signed by a given CA key (what "chains to the registered CA" means for IoT).</summary>
internal static class CertificateSignatures
{
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue().ToArray();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            var hash = algorithm switch
            {
                "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
                "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
                "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
                _ => (HashAlgorithmName?)null,
            };
            if (hash is null)
            {
                return false;
            }

            using var ecdsa = issuer.GetECDsaPublicKey();
            if (ecdsa is not null)
            {
                return ecdsa.VerifyData(tbs, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
            }

            using var rsa = issuer.GetRSAPublicKey();
            return rsa is not null && rsa.VerifyData(tbs, signature, hash.Value, RSASignaturePadding.Pkcs1);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>IoT's certificate id: lowercase hex SHA-256 of the DER.</summary>
    public static string IotCertificateId(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>Parses one PEM (or base64 DER) certificate; null when it is not a certificate.</summary>
    public static X509Certificate2? TryLoadPem(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
