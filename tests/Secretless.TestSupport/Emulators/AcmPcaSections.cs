using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.TestSupport.Emulators;

/// <summary>The seed's production shape as configuration sections: ACM PCA issues, AWS IoT Core registers with the CA registered.</summary>
public static class AcmPcaSections
{
    /// <summary>The <c>Secretless:Issuer</c> section.</summary>
    public static JsonObject Issuer(FakeAwsEndpoint aws) => new()
    {
        ["Type"] = "AcmPca",
        ["CertificateAuthorityArn"] = aws.AcmPca.CertificateAuthorityArn,
        ["ServiceUrl"] = aws.ServiceUrl.ToString(),
        ["PollInitialDelay"] = "00:00:00.050",
    };

    /// <summary>
    /// The <c>Secretless:Registry</c> section, after the PKI admin's step: the issuing CA is registered
    /// with AWS IoT before devices arrive. Its certificate is written to <paramref name="caPath"/>.
    /// </summary>
    public static JsonObject Registry(FakeAwsEndpoint aws, string caPath)
    {
        aws.Iot.RegisterCaCertificate(aws.AcmPca.IssuingCaCertificate);
        File.WriteAllText(caPath, aws.AcmPca.IssuingCaCertificate.ExportCertificatePem());
        return new JsonObject
        {
            ["Type"] = "IotCore",
            ["CaCertificatePath"] = caPath,
            ["ServiceUrl"] = aws.ServiceUrl.ToString(),
        };
    }
}
