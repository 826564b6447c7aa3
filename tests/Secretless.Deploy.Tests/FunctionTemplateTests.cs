using Amazon.CDK.Assertions;

namespace Secretless.Deploy.Tests;

[Collection(SynthesizedDeploymentCollection.Name)]
public sealed class FunctionTemplateTests(SynthesizedDeployment deployment)
{
    [Theory]
    [InlineData("authorizer", 10)]
    [InlineData("issuer", 25)]
    public void Function_EveryRegion_RunsTheCustomRuntimeWithItsHandlerAndTimeout(string handler, int timeoutSeconds)
    {
        foreach (var region in SynthesizedDeployment.Regions)
        {
            var template = SynthesizedDeployment.TemplateOf(deployment.Regional(region));
            template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
            {
                ["Runtime"] = "provided.al2023",
                ["Architectures"] = new[] { "x86_64" },
                ["Handler"] = handler,
                ["Timeout"] = timeoutSeconds,
            });
        }
    }

    [Fact]
    public void IssuerTimeout_FitsApiGatewaysLimitAndLeavesRoomAfterTheIssueDeadline()
    {
        Assert.True(ProvisioningFunctions.IssuerTimeout.ToSeconds() < 29);
        Assert.True(ProvisioningEnvironment.IssueDeadline.TotalSeconds < ProvisioningFunctions.IssuerTimeout.ToSeconds());
    }

    [Fact]
    public void Environment_Issuer_SelectsAwsBackendsWithTheRegionsCa()
    {
        var json = deployment.Json(deployment.Regional("us-east-1"));

        var issuer = Resources.OfType(json, "AWS::Lambda::Function")
            .Select(Resources.Properties)
            .Single(properties => (string?)properties["Handler"] == "issuer");
        var variables = issuer["Environment"]!["Variables"]!.AsObject();
        Assert.Equal("DynamoDb", (string?)variables["Secretless__Directory__Type"]);
        Assert.Equal("widgiot-devices", (string?)variables["Secretless__Directory__TableName"]);
        Assert.Equal("DynamoDb", (string?)variables["Secretless__Ledger__Type"]);
        Assert.Equal("widgiot-issuance-ledger", (string?)variables["Secretless__Ledger__TableName"]);
        Assert.Equal("AcmPca", (string?)variables["Secretless__Issuer__Type"]);
        Assert.Equal(SynthesizedDeployment.CaArn("us-east-1"), (string?)variables["Secretless__Issuer__CertificateAuthorityArn"]);
        Assert.Equal("00:00:20", (string?)variables["Secretless__Issuer__IssueDeadline"]);
        Assert.Equal("SHA256WITHECDSA", (string?)variables["Secretless__Issuer__SigningAlgorithm"]);
        Assert.Equal("IotCore", (string?)variables["Secretless__Registry__Type"]);
        Assert.Equal("S3", (string?)variables["Secretless__PayloadStore__Type"]);
        Assert.NotNull(variables["Secretless__PayloadStore__BucketName"]!["Ref"]);
        Assert.Equal("365.00:00:00", (string?)variables["Secretless__Provisioning__Validity"]);
        Assert.DoesNotContain(variables, pair => pair.Key == "_HANDLER");
    }

    [Fact]
    public void PayloadBucket_EveryRegion_IsEncryptedPrivateSslOnlyAndExpires()
    {
        var template = SynthesizedDeployment.TemplateOf(deployment.Regional("eu-west-1"));

        template.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" },
                    }),
                ]),
            }),
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
            ["LifecycleConfiguration"] = new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object> { ["Prefix"] = "payloads/", ["ExpirationInDays"] = 8, ["Status"] = "Enabled" }),
                ]),
            },
        });
        template.HasResourceProperties("AWS::S3::BucketPolicy", new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny",
                        ["Condition"] = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
                    }),
                ]),
            }),
        });
    }
}
