using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>AWS IoT Core both issues (CreateCertificateFromCsr, Amazon's CA) and registers.</summary>
public sealed class AwsIotCoreIssuerDeployment : AwsEmulatedDeployment
{
    public override Task<int> CountIssuedAsync() => Task.FromResult(Aws.Calls.Count(call => call == "CreateCertificateFromCsr"));

    protected override JsonObject ConfigureIssuer(FakeAwsEndpoint aws) => new()
    {
        ["Type"] = "IotCore",
        ["ServiceUrl"] = aws.ServiceUrl.ToString(),
        ["CaChainPem"] = aws.Iot.AwsIotCaCertificate.ExportCertificatePem(),
    };

    // No RegistrationMode: with IoT Core as issuer the switch registers without a CA.
    protected override JsonObject ConfigureRegistry(FakeAwsEndpoint aws) => new()
    {
        ["Type"] = "IotCore",
        ["ServiceUrl"] = aws.ServiceUrl.ToString(),
    };
}
