using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Lambda.Hosting;

namespace Secretless.Lambda.Tests;

/// <summary>The published artifacts/lambda/bootstrap (scripts/publish-lambda.sh) as Lambda runs it: a real process on the Runtime API.</summary>
[Collection(AwsBackendsGroup.Name)]
public sealed class PublishedBootstrapTests(AwsBackendsFixture aws) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _keys = new("secretless-lambda-published");

    [Fact]
    public async Task Bootstrap_EmbeddedBackends_ReportsInitErrorNamingTheVariableAndExitsNonZero()
    {
        await using var function = await LambdaFunctionProcess.StartAsync("authorizer");

        var invocation = await function.InvokeAsync("{}"u8.ToArray(), Timeout, CancellationToken.None);
        var exitCode = await function.WaitForExitAsync(Timeout);

        Assert.True(invocation.InitializationFailed, function.Output);
        Assert.Equal("Runtime.ConfigurationError", invocation.ErrorType);
        Assert.Contains("Secretless__Directory__Type", invocation.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Bootstrap_AuthorizerThenIssuerOnAwsEmulators_ReportsABrokenEventThenAllowsAndAnswersTheCertificate()
    {
        var environment = AwsBackendsFixture.AsEnvironment(aws.NewConfiguration());
        await using var authorizer = await LambdaFunctionProcess.StartAsync("authorizer", environment);
        await using var issuer = await LambdaFunctionProcess.StartAsync("issuer", environment);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-published-1", TestKeyKind.EcP256);
        await ImportThroughAuthorizerConfigurationAsync(environment, device);

        // An event without methodArn makes the authorizer throw: reported (API Gateway's AUTHORIZER_FAILURE), not a crash.
        var broken = await authorizer.InvokeAsync("{}"u8.ToArray(), Timeout, CancellationToken.None);
        var authorized = await authorizer.InvokeAsync(AuthorizerEvent(device.DeviceCsrHeader), Timeout, CancellationToken.None);
        Assert.True(authorized.Succeeded, $"{authorized.ErrorType}: {authorized.ErrorMessage}\n{authorizer.Output}");
        using var policy = JsonDocument.Parse(authorized.Payload);
        var issued = await issuer.InvokeAsync(ProxyEvent(device.DeviceCsrHeader, policy.RootElement), Timeout, CancellationToken.None);
        Assert.True(issued.Succeeded, $"{issued.ErrorType}: {issued.ErrorMessage}\n{issuer.Output}");
        using var response = JsonDocument.Parse(issued.Payload);

        Assert.False(broken.Succeeded);
        Assert.Equal("InvalidOperationException", broken.ErrorType);
        Assert.False(authorizer.HasExited);
        Assert.Equal("lambda-published-1", policy.RootElement.GetProperty("principalId").GetString());
        Assert.Equal("Allow", policy.RootElement.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("-----BEGIN CERTIFICATE-----", response.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(device.DeviceCsrHeader, authorizer.Output + issuer.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _keys.Dispose();

    private static async Task ImportThroughAuthorizerConfigurationAsync(Dictionary<string, string> environment, DeviceKeyFixture device)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.ToDictionary(entry => entry.Key.Replace("__", ":", StringComparison.Ordinal), entry => (string?)entry.Value))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLambdaFunction(configuration, LambdaFunctionSetup.AuthorizerHandler);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDeviceDirectory>().ImportAsync(
            [new DeviceImportEntry(1, device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);
    }

    // The documented REQUEST authorizer event (REST API), as raw JSON: the binary parses the real shape.
    private static byte[] AuthorizerEvent(string csrHeader) => Encoding.UTF8.GetBytes($$"""
        {
          "type": "REQUEST",
          "methodArn": "{{FunctionEvents.MethodArn}}",
          "resource": "/new",
          "path": "/new",
          "httpMethod": "POST",
          "headers": { "device-csr": "{{csrHeader}}", "Host": "abcdef123.execute-api.us-east-1.amazonaws.com" },
          "multiValueHeaders": { "device-csr": ["{{csrHeader}}"], "Host": ["abcdef123.execute-api.us-east-1.amazonaws.com"] },
          "queryStringParameters": null,
          "pathParameters": {},
          "stageVariables": {},
          "requestContext": { "resourcePath": "/new", "httpMethod": "POST", "path": "/prod/new", "stage": "prod", "requestId": "req-1", "apiId": "abcdef123", "identity": { "sourceIp": "127.0.0.1" } }
        }
        """);

    // The documented proxy event with the authorizer's principal and context (plus integrationLatency, a number).
    private static byte[] ProxyEvent(string csrHeader, JsonElement policy)
    {
        var context = policy.GetProperty("context").EnumerateObject().Select(p => $"\"{p.Name}\": {p.Value.GetRawText()}");
        return Encoding.UTF8.GetBytes($$"""
            {
              "resource": "/new",
              "path": "/new",
              "httpMethod": "POST",
              "headers": { "device-csr": "{{csrHeader}}" },
              "multiValueHeaders": { "device-csr": ["{{csrHeader}}"] },
              "queryStringParameters": null,
              "requestContext": {
                "stage": "prod", "requestId": "req-2", "domainName": "abcdef123.execute-api.us-east-1.amazonaws.com",
                "authorizer": { "principalId": "{{policy.GetProperty("principalId").GetString()}}", "integrationLatency": 7, {{string.Join(", ", context)}} }
              },
              "body": null,
              "isBase64Encoded": false
            }
            """);
    }
}
