using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Secretless.TestSupport;

/// <summary>The 200 body of <c>POST /new</c> (DESIGN §3), read field by field so missing keys fail loudly.</summary>
public sealed record ProvisioningAnswer(string Certificate, string CertificateChain, string Endpoint, string CertificateId, string NotAfter)
{
    public static ProvisioningAnswer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ProvisioningAnswer(
            root.GetProperty("certificate").GetString()!,
            root.GetProperty("certificateChain").GetString()!,
            root.GetProperty("endpoint").GetString()!,
            root.GetProperty("certificateId").GetString()!,
            root.GetProperty("notAfter").GetString()!);
    }

    public X509Certificate2 Leaf() => X509Certificate2.CreateFromPem(Certificate);

    /// <summary>True when the leaf chains through <see cref="CertificateChain"/> to its last certificate, the root.</summary>
    public bool ChainsToItsRoot()
    {
        var issuers = new X509Certificate2Collection();
        issuers.ImportFromPem(CertificateChain);
        if (issuers.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuers[^1]);
        chain.ChainPolicy.ExtraStore.AddRange(issuers);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = Leaf();
        return chain.Build(leaf);
    }
}
