using System.Text.Json.Nodes;

namespace Secretless.Deploy.Tests;

/// <summary>A deployment where AWS IoT Core signs: no ACM PCA permission, CreateCertificateFromCsr on "*" (its only resource).</summary>
public sealed class IotCoreIssuerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "secretless-deploy-iot-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Build_IotCoreIssuerWithoutDomain_GrantsNoAcmPcaAndHasNoGlobalStack()
    {
        var asset = Path.Combine(_root, "lambda");
        Directory.CreateDirectory(asset);
        File.WriteAllText(Path.Combine(asset, "bootstrap"), "#!/bin/sh\n");
        var context = new Dictionary<string, object>
        {
            ["regions"] = "eu-central-1",
            ["issuer"] = "IotCore",
            ["domainName"] = "",
            ["lambdaAsset"] = asset,
        };

        var deployment = SecretlessApp.Build(Path.Combine(_root, "cdk.out"), context);
        var assembly = deployment.App.Synth();

        Assert.Null(deployment.Global);
        var regional = Assert.Single(deployment.Regional);
        var template = JsonNode.Parse(File.ReadAllText(assembly.GetStackByName(regional.StackName).TemplateFullPath))!;
        var policies = Resources.OfType(template, "AWS::IAM::Policy").Select(policy => policy.ToJsonString()).ToList();
        Assert.DoesNotContain(policies, policy => policy.Contains("acm-pca:", StringComparison.Ordinal));
        Assert.Contains(policies, policy => policy.Contains("iot:CreateCertificateFromCsr", StringComparison.Ordinal));
        Assert.Empty(Resources.OfType(template, "AWS::ApiGateway::DomainName"));
        var variables = Resources.OfType(template, "AWS::Lambda::Function").Select(function => Resources.Properties(function)["Environment"]!["Variables"]!);
        Assert.All(variables, environment =>
        {
            Assert.Equal("IotCore", (string?)environment["Secretless__Issuer__Type"]);
            Assert.Null(environment["Secretless__Issuer__CertificateAuthorityArn"]);
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
