using Amazon.CDK.Assertions;

namespace Secretless.Deploy.Tests;

[Collection(SynthesizedDeploymentCollection.Name)]
public sealed class DataAndGlobalTemplateTests(SynthesizedDeployment deployment)
{
    [Theory]
    [InlineData("widgiot-devices", "device-id")]
    [InlineData("widgiot-issuance-ledger", "issuance-key")]
    public void GlobalTable_PrimaryRegion_HasAReplicaInEveryRegionAndPaysPerRequest(string tableName, string hashKey)
    {
        var template = SynthesizedDeployment.TemplateOf(deployment.Deployment.Data);

        Assert.Equal("eu-west-1", deployment.Deployment.Data.Region);
        template.HasResourceProperties("AWS::DynamoDB::GlobalTable", new Dictionary<string, object>
        {
            ["TableName"] = tableName,
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["KeySchema"] = new[] { new Dictionary<string, object> { ["AttributeName"] = hashKey, ["KeyType"] = "HASH" } },
            ["AttributeDefinitions"] = new[] { new Dictionary<string, object> { ["AttributeName"] = hashKey, ["AttributeType"] = "S" } },
            ["Replicas"] = Match.AnyValue(),
        });
        var table = Resources.OfType(deployment.Json(deployment.Deployment.Data), "AWS::DynamoDB::GlobalTable")
            .Select(Resources.Properties)
            .Single(properties => (string?)properties["TableName"] == tableName);
        var replicas = table["Replicas"]!.AsArray().Select(replica => replica!).ToList();
        // CloudFormation lists the primary region among the replicas (CDK puts it last).
        Assert.Equal(SynthesizedDeployment.Regions.Order(StringComparer.Ordinal), replicas.Select(replica => (string)replica["Region"]!).Order(StringComparer.Ordinal));
        Assert.All(replicas, replica => Assert.True((bool)replica["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!));
    }

    [Fact]
    public void LatencyRecords_GlobalStack_OnePerRegionAliasingThatRegionsRecord()
    {
        var global = deployment.Deployment.Global;
        Assert.NotNull(global);
        var template = SynthesizedDeployment.TemplateOf(global);

        template.ResourceCountIs("AWS::Route53::RecordSet", SynthesizedDeployment.Regions.Length);
        foreach (var region in SynthesizedDeployment.Regions)
        {
            template.HasResourceProperties("AWS::Route53::RecordSet", new Dictionary<string, object>
            {
                ["Name"] = "provision.widgiot.example.",
                ["Type"] = "A",
                ["HostedZoneId"] = "Z0123456789ABCDEFGHIJ",
                ["Region"] = region,
                ["SetIdentifier"] = region,
                ["AliasTarget"] = new Dictionary<string, object>
                {
                    ["DNSName"] = $"{region}.provision.widgiot.example.",
                    ["HostedZoneId"] = "Z0123456789ABCDEFGHIJ",
                    ["EvaluateTargetHealth"] = true,
                },
            });
        }
    }

    [Fact]
    public void StackOrder_Deployment_DataThenRegionsThenGlobal()
    {
        var app = deployment.Deployment;

        Assert.All(app.Regional, stack => Assert.Contains(app.Data, stack.Dependencies));
        Assert.Equal(app.Regional.Count, app.Global!.Dependencies.Length);
        Assert.Equal(SynthesizedDeployment.Regions, app.Regional.Select(stack => stack.Region));
    }
}
