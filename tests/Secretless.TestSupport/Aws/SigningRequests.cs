using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Secretless.TestSupport.Aws;

/// <summary>Loads a PKCS#10 CSR (PEM text or DER) and verifies its self-signature, as both services do before issuing.</summary>
internal static class SigningRequests
{
    public static CertificateRequest? TryLoad(byte[] pemOrDer)
    {
        try
        {
            var text = Encoding.UTF8.GetString(pemOrDer);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                return CertificateRequest.LoadSigningRequestPem(text, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
            }

            return CertificateRequest.LoadSigningRequest(pemOrDer, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
