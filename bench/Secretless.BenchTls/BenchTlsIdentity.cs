using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.BenchTls;

/// <summary>
/// A throwaway P-256 issuing CA and a P-256 server certificate for 127.0.0.1/localhost signed by it:
/// the same key kind and chain length as the local PKI's server certificate, so a handshake costs the same.
/// </summary>
internal sealed class BenchTlsIdentity : IDisposable
{
    private readonly X509Certificate2 _issuer;
    private readonly X509Certificate2 _server;

    private BenchTlsIdentity(X509Certificate2 issuer, X509Certificate2 server)
    {
        _issuer = issuer;
        _server = server;
        Context = SslStreamCertificateContext.Create(server, [issuer], offline: true);
    }

    public SslStreamCertificateContext Context { get; }

    public static BenchTlsIdentity Create(TimeProvider time)
    {
        var now = time.GetUtcNow();
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuerRequest = new CertificateRequest("CN=Secretless bench issuing CA", issuerKey, HashAlgorithmName.SHA256);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        issuerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var issuerWithKey = issuerRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var issuer = X509CertificateLoader.LoadCertificate(issuerWithKey.RawData);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(issuerWithKey, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4, 5, 6, 7, 8]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // Exported and reloaded: an ephemeral key can't be used by SslStream on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new BenchTlsIdentity(issuer, server);
    }

    public void Dispose()
    {
        _server.Dispose();
        _issuer.Dispose();
    }
}
