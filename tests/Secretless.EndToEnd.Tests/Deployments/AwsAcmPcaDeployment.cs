using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>The seed's production shape: ACM PCA issues, AWS IoT Core registers with the CA registered.</summary>
public sealed class AwsAcmPcaDeployment : AwsEmulatedDeployment
{
    public override Task<int> CountIssuedAsync() => Task.FromResult(Aws.AcmPca.IssueCount);

    protected override JsonObject ConfigureIssuer(FakeAwsEndpoint aws) => AcmPcaSections.Issuer(aws);

    protected override JsonObject ConfigureRegistry(FakeAwsEndpoint aws) => AcmPcaSections.Registry(aws, Scratch.File("issuing-ca.pem"));
}
