using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>The seed's production shape: ACM PCA issues, AWS IoT Core registers with the CA registered.</summary>
public sealed class AwsAcmPcaDeployment : AwsEmulatedDeployment
{
    public override Task<int> CountIssuedAsync() => Task.FromResult(Aws.AcmPca.IssueCount);

    protected override JsonObject ConfigureIssuer(FakeAwsEndpoint aws) => new()
    {
        ["Type"] = "AcmPca",
        ["CertificateAuthorityArn"] = aws.AcmPca.CertificateAuthorityArn,
        ["ServiceUrl"] = aws.ServiceUrl.ToString(),
        ["PollInitialDelay"] = "00:00:00.050",
    };

    protected override JsonObject ConfigureRegistry(FakeAwsEndpoint aws)
    {
        // The PKI admin's step: the issuing CA is registered with AWS IoT before devices arrive.
        aws.Iot.RegisterCaCertificate(aws.AcmPca.IssuingCaCertificate);
        var caPath = Scratch.File("issuing-ca.pem");
        File.WriteAllText(caPath, aws.AcmPca.IssuingCaCertificate.ExportCertificatePem());
        return new JsonObject
        {
            ["Type"] = "IotCore",
            ["CaCertificatePath"] = caPath,
            ["ServiceUrl"] = aws.ServiceUrl.ToString(),
        };
    }
}
