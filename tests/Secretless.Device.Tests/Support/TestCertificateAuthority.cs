using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Tests.Support;

/// <summary>A throwaway root + issuing CA made with .NET, for crafting answers a real server never gives.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificateAuthority(string name)
    {
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest($"CN={name} Root", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        var issuerRequest = new CertificateRequest($"CN={name} Issuing CA", _issuerKey, HashAlgorithmName.SHA256);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        issuerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        issuerRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuerRequest.PublicKey, false));
        using var issuerPublic = issuerRequest.Create(Root, now.AddDays(-1), now.AddYears(5), [1, 2, 3, 4]);
        Issuer = issuerPublic.CopyWithPrivateKey(_issuerKey);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Issuer { get; }

    /// <summary>Issuing CA then root, as <c>GET /ca</c> serves it.</summary>
    public string ChainPem => Issuer.ExportCertificatePem() + "\n" + Root.ExportCertificatePem() + "\n";

    public string RootPem => Root.ExportCertificatePem() + "\n";

    /// <summary>A client certificate for <paramref name="subjectKey"/> with CN <paramref name="commonName"/>.</summary>
    public string IssueLeafPem(AsymmetricAlgorithm subjectKey, string commonName)
    {
        var publicKey = subjectKey switch
        {
            ECDsa ecdsa => new PublicKey(ecdsa),
            RSA rsa => new PublicKey(rsa),
            _ => throw new ArgumentException("EC or RSA only.", nameof(subjectKey)),
        };
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        // The signature generator lets an EC issuer sign an RSA subject key.
        using var leaf = request.Create(Issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(_issuerKey), now.AddMinutes(-5), now.AddDays(30), serial);
        return leaf.ExportCertificatePem() + "\n";
    }

    public void Dispose()
    {
        Root.Dispose();
        Issuer.Dispose();
        _rootKey.Dispose();
        _issuerKey.Dispose();
    }
}
