using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device;

/// <summary>
/// HTTP handlers for a device that trusts only the service's own CA (like
/// <c>curl --cacert ca-chain.pem</c>), not the machine's public roots.
/// </summary>
public static class DeviceHttpHandlerFactory
{
    /// <summary>
    /// A handler whose TLS server authentication chains to the self-signed certificates in
    /// <paramref name="trustedCaPem"/> (other certificates there serve as intermediates).
    /// Host name checks stay on.
    /// </summary>
    public static SocketsHttpHandler Create(string trustedCaPem)
    {
        ArgumentNullException.ThrowIfNull(trustedCaPem);
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(trustedCaPem);
        if (certificates.Count == 0)
        {
            throw new ArgumentException("The trusted CA PEM contains no certificate.", nameof(trustedCaPem));
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        foreach (var certificate in certificates)
        {
            var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            (selfSigned ? policy.CustomTrustStore : policy.ExtraStore).Add(certificate);
        }

        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }
}
