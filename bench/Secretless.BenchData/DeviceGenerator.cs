using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Secretless.BenchData;

/// <summary>A P-256 key pair per device and, when asked, the CSR the device would send (CN = device id).</summary>
internal static class DeviceGenerator
{
    public static GeneratedDevice Generate(string deviceId, bool withCsr)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var manifestLine = deviceId + "," + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        if (!withCsr)
        {
            return new GeneratedDevice(manifestLine, null, null);
        }

        var request = new CertificateRequest(new X500DistinguishedName("CN=" + deviceId), key, HashAlgorithmName.SHA256);
        var pem = request.CreateSigningRequestPem() + "\n";
        var header = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
        // cfssl's /api/v1/cfssl/sign body; JsonSerializer escapes the PEM's newlines.
        var body = "{\"certificate_request\":" + JsonSerializer.Serialize(pem, BenchDataJsonContext.Default.String) + "}";
        return new GeneratedDevice(manifestLine, header, body);
    }
}
