using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device;

/// <summary>
/// Builds the PKCS#10 certificate signing request a device sends: subject CN = device id,
/// signed with the device's private key (the proof of possession). No extensions are asked
/// for — the service decides every field of the certificate itself.
/// </summary>
public static class DeviceCsrBuilder
{
    /// <summary>The CSR as DER.</summary>
    public static byte[] BuildDer(string deviceId, AsymmetricAlgorithm privateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(privateKey);

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(deviceId);
        var name = subject.Build();

        var request = privateKey switch
        {
            ECDsa ecdsa => new CertificateRequest(name, ecdsa, HashFor(ecdsa)),
            RSA rsa => new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException(
                $"Unsupported key type {privateKey.GetType().Name}; a device key is ECDSA or RSA.", nameof(privateKey)),
        };
        return request.CreateSigningRequest();
    }

    /// <summary>The CSR as PEM ("CERTIFICATE REQUEST"), what <c>openssl req -new</c> writes.</summary>
    public static string BuildPem(string deviceId, AsymmetricAlgorithm privateKey) =>
        PemEncoding.WriteString("CERTIFICATE REQUEST", BuildDer(deviceId, privateKey)) + "\n";

    /// <summary>
    /// The <c>device-csr</c> header value the reference sample's devices send:
    /// <c>base64 -w0 device.csr</c>, i.e. base64 of the PEM text.
    /// </summary>
    public static string BuildHeaderValue(string deviceId, AsymmetricAlgorithm privateKey) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(BuildPem(deviceId, privateKey)));

    // The hash matches the curve strength, as the service's allowed signature algorithms expect.
    private static HashAlgorithmName HashFor(ECDsa ecdsa) =>
        ecdsa.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
