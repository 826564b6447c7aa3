using System.Text.Json.Nodes;

namespace Secretless.Deploy.Tests;

[Collection(SynthesizedDeploymentCollection.Name)]
public sealed class IamTemplateTests(SynthesizedDeployment deployment)
{
    [Fact]
    public void EveryStatement_AllStacks_HasAScopedResourceUnlessTheActionSupportsOnlyStar()
    {
        var stacks = deployment.Deployment.Regional.Cast<Amazon.CDK.Stack>()
            .Append(deployment.Deployment.Data)
            .Append(deployment.Deployment.Global!);
        var statements = stacks.SelectMany(stack => Statements(deployment.Json(stack))).ToList();

        Assert.NotEmpty(statements);
        var starActions = new List<string>();
        foreach (var statement in statements)
        {
            var resources = Resources.Strings(statement["Resource"]);
            Assert.NotEmpty(resources);
            if (resources.Contains("*"))
            {
                var actions = Resources.Strings(statement["Action"]);
                // Only actions AWS authorizes on "*" alone may name it, and then alone in their statement.
                Assert.All(actions, action => Assert.Contains(action, ProvisioningPermissions.WildcardOnlyActions));
                Assert.Equal(["*"], resources);
                starActions.AddRange(actions);
            }
        }

        // ACM PCA issues, so the one "*" per region is iot:DescribeEndpoint (CreateCertificateFromCsr is IotCore-only).
        Assert.Equal(Enumerable.Repeat("iot:DescribeEndpoint", SynthesizedDeployment.Regions.Length), starActions);
    }

    [Fact]
    public void AuthorizerRole_OnlyWritesItsLogsAndReadsTheDeviceTable()
    {
        var json = deployment.Json(deployment.Regional("eu-west-1"));

        var policy = PolicyOfRoleNamed(json, "FunctionsAuthorizerRole");
        var actions = Statements(policy).SelectMany(statement => Resources.Strings(statement["Action"])).Order(StringComparer.Ordinal);
        Assert.Equal(["dynamodb:GetItem", "logs:CreateLogStream", "logs:PutLogEvents"], actions);
        var read = Statements(policy).Single(statement => Resources.Strings(statement["Action"]).Contains("dynamodb:GetItem"));
        Assert.EndsWith(":table/widgiot-devices\"]]}", read["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IssuerRole_AcmPca_OnlyOnTheRegionsCaAndOnlyTheEndEntityTemplate()
    {
        foreach (var region in SynthesizedDeployment.Regions)
        {
            var policy = PolicyOfRoleNamed(deployment.Json(deployment.Regional(region)), "FunctionsIssuerRole");
            var pca = Statements(policy).Where(statement => Resources.Strings(statement["Action"]).Any(action => action.StartsWith("acm-pca:", StringComparison.Ordinal))).ToList();

            Assert.Equal(
                ["acm-pca:GetCertificate", "acm-pca:GetCertificateAuthorityCertificate", "acm-pca:IssueCertificate"],
                pca.SelectMany(statement => Resources.Strings(statement["Action"])).Order(StringComparer.Ordinal));
            Assert.All(pca, statement => Assert.Equal([SynthesizedDeployment.CaArn(region)], Resources.Strings(statement["Resource"])));
            var issue = pca.Single(statement => Resources.Strings(statement["Action"]).Contains("acm-pca:IssueCertificate"));
            Assert.Equal(ProvisioningPermissions.EndEntityClientAuthTemplate, (string?)issue["Condition"]!["StringEquals"]!["acm-pca:TemplateArn"]);
        }
    }

    [Fact]
    public void IssuerRole_DynamoDbAndS3_ExactlyTheCallsTheBackendsMake()
    {
        var policy = PolicyOfRoleNamed(deployment.Json(deployment.Regional("us-east-1")), "FunctionsIssuerRole");
        var actions = Statements(policy).SelectMany(statement => Resources.Strings(statement["Action"]))
            .Where(action => action.StartsWith("dynamodb:", StringComparison.Ordinal) || action.StartsWith("s3:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["dynamodb:GetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:GetObject", "s3:PutObject"], actions);
        var s3 = Statements(policy).Single(statement => Resources.Strings(statement["Action"]).Contains("s3:PutObject"));
        Assert.Contains("/payloads/*", s3["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedPolicies_AllStacks_OnlyApiGatewaysAccountLoggingRole()
    {
        var roles = deployment.Deployment.Regional
            .SelectMany(stack => Resources.OfType(deployment.Json(stack), "AWS::IAM::Role"))
            .Where(role => Resources.Properties(role)["ManagedPolicyArns"] is not null)
            .ToList();

        Assert.Equal(SynthesizedDeployment.Regions.Length, roles.Count);
        Assert.All(roles, role => Assert.Contains("AmazonAPIGatewayPushToCloudWatchLogs", Resources.Properties(role)["ManagedPolicyArns"]!.ToJsonString(), StringComparison.Ordinal));
    }

    private static JsonObject PolicyOfRoleNamed(JsonNode template, string roleLogicalIdPrefix) =>
        template["Resources"]!.AsObject()
            .Where(pair => (string?)pair.Value!["Type"] == "AWS::IAM::Policy")
            .Single(pair => pair.Key.StartsWith(roleLogicalIdPrefix + "DefaultPolicy", StringComparison.Ordinal) || pair.Key.StartsWith(roleLogicalIdPrefix, StringComparison.Ordinal))
            .Value!.AsObject();

    /// <summary>Allow statements of every AWS::IAM::Policy and inline role policy in <paramref name="node"/> (a template or one policy resource).</summary>
    private static IEnumerable<JsonObject> Statements(JsonNode node)
    {
        IEnumerable<JsonObject> policies = node["Resources"] is not null
            ? Resources.OfType(node, "AWS::IAM::Policy").Concat(Resources.OfType(node, "AWS::IAM::Role"))
            : [node.AsObject()];
        foreach (var resource in policies)
        {
            var properties = Resources.Properties(resource);
            var documents = properties["PolicyDocument"] is { } document
                ? [document]
                : (properties["Policies"]?.AsArray().Select(inline => inline!["PolicyDocument"]!) ?? []);
            foreach (var statement in documents.SelectMany(doc => doc["Statement"]!.AsArray()))
            {
                if ((string?)statement!["Effect"] == "Allow")
                {
                    yield return statement.AsObject();
                }
            }
        }
    }
}
