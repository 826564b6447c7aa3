using Amazon.CDK.Assertions;
using Secretless.Lambda.Gateway;

namespace Secretless.Deploy.Tests;

[Collection(SynthesizedDeploymentCollection.Name)]
public sealed class ApiTemplateTests(SynthesizedDeployment deployment)
{
    public static TheoryData<string> Regions => new(SynthesizedDeployment.Regions);

    [Theory]
    [MemberData(nameof(Regions))]
    public void Authorizer_EveryRegion_IsRequestTypeOnDeviceCsrHeaderWithoutCache(string region)
    {
        var template = SynthesizedDeployment.TemplateOf(deployment.Regional(region));

        template.ResourceCountIs("AWS::ApiGateway::Authorizer", 1);
        template.HasResourceProperties("AWS::ApiGateway::Authorizer", new Dictionary<string, object>
        {
            ["Type"] = "REQUEST",
            ["IdentitySource"] = "method.request.header.device-csr",
            ["AuthorizerResultTtlInSeconds"] = 0,
        });
    }

    [Fact]
    public void PostNew_Method_UsesTheCustomAuthorizerAndProxiesToTheIssuer()
    {
        var json = deployment.Json(deployment.Regional("eu-west-1"));

        var methods = Resources.OfType(json, "AWS::ApiGateway::Method");
        var method = Assert.Single(methods);
        var properties = Resources.Properties(method);
        Assert.Equal("POST", (string?)properties["HttpMethod"]);
        Assert.Equal("CUSTOM", (string?)properties["AuthorizationType"]);
        Assert.Single(Resources.OfType(json, "AWS::ApiGateway::Authorizer"));
        Assert.NotNull(properties["AuthorizerId"]);
        Assert.Equal("AWS_PROXY", (string?)properties["Integration"]!["Type"]);
        Assert.Equal(29000, (int?)properties["Integration"]!["TimeoutInMillis"]);
        var resource = Assert.Single(Resources.OfType(json, "AWS::ApiGateway::Resource"));
        Assert.Equal("new", (string?)Resources.Properties(resource)["PathPart"]);
    }

    [Fact]
    public void GatewayResponses_RegionalApi_EqualTheLambdaProjectsDefinitions()
    {
        var json = deployment.Json(deployment.Regional("us-east-1"));

        var deployed = Resources.OfType(json, "AWS::ApiGateway::GatewayResponse")
            .Select(Resources.Properties)
            .Select(properties => new GatewayResponseDefinition(
                (string)properties["ResponseType"]!,
                int.Parse((string)properties["StatusCode"]!, System.Globalization.CultureInfo.InvariantCulture),
                ((string)properties["ResponseParameters"]!["gatewayresponse.header.Content-Type"]!).Trim('\''),
                (string)properties["ResponseTemplates"]!["application/json"]!))
            .OrderBy(response => response.ResponseType, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(GatewayResponses.All.OrderBy(response => response.ResponseType, StringComparer.Ordinal), deployed);
        Assert.Contains(deployed, response => response is { ResponseType: "UNAUTHORIZED", StatusCode: 400 });
    }

    [Fact]
    public void Stage_RegionalApi_IsThrottledAndAccessLoggedWithoutRequestData()
    {
        var template = SynthesizedDeployment.TemplateOf(deployment.Regional("eu-west-1"));

        template.HasResourceProperties("AWS::ApiGateway::Stage", new Dictionary<string, object>
        {
            ["MethodSettings"] = Match.ArrayWith([
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ThrottlingRateLimit"] = 10,
                    ["ThrottlingBurstLimit"] = 20,
                    ["DataTraceEnabled"] = false,
                    ["LoggingLevel"] = "ERROR",
                }),
            ]),
            ["AccessLogSetting"] = Match.ObjectLike(new Dictionary<string, object> { ["DestinationArn"] = Match.AnyValue() }),
        });
        template.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = 30 });
    }

    [Fact]
    public void CustomDomain_RegionalApi_IsRegionalTls12WithPerRegionAlias()
    {
        var template = SynthesizedDeployment.TemplateOf(deployment.Regional("ap-southeast-2"));

        template.HasResourceProperties("AWS::ApiGateway::DomainName", new Dictionary<string, object>
        {
            ["DomainName"] = "provision.widgiot.example",
            ["EndpointConfiguration"] = new Dictionary<string, object> { ["Types"] = new[] { "REGIONAL" } },
            ["SecurityPolicy"] = "TLS_1_2",
        });
        template.HasResourceProperties("AWS::Route53::RecordSet", new Dictionary<string, object>
        {
            ["Name"] = "ap-southeast-2.provision.widgiot.example.",
            ["Type"] = "A",
        });
        template.HasResourceProperties("AWS::ApiGateway::RestApi", new Dictionary<string, object> { ["DisableExecuteApiEndpoint"] = true });
    }
}
