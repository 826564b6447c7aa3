using System.Text.Json;

namespace Secretless.Server.Tests.Support;

/// <summary>The 200 JSON body of POST /new, read field by field so missing keys fail loudly.</summary>
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
}
