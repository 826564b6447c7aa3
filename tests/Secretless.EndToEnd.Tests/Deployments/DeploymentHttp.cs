using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>An HTTP client that trusts exactly the stack's CA file, as <c>curl --cacert</c> does.</summary>
public static class DeploymentHttp
{
    public static HttpClient CreateClient(IProvisioningDeployment deployment)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(deployment.ServerCaPath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(certificate, roots),
            },
        };
        return new HttpClient(handler) { BaseAddress = deployment.ServerUrl, Timeout = TimeSpan.FromMinutes(1) };
    }

    private static bool Trusted(X509Certificate? certificate, X509Certificate2Collection roots)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
