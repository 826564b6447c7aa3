using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Secretless.Lambda.Gateway;
using Secretless.TestSupport.ApiGateway;

namespace Secretless.EndToEnd.Tests.ApiGateway;

/// <summary>
/// The local API Gateway over real HTTP, with scripted functions behind real Runtime API emulators:
/// the events it sends, how it reads authorizer and proxy answers, and its own responses.
/// </summary>
public sealed class LocalApiGatewayTests
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:secretless1/prod/POST/new";

    private static readonly Func<JsonObject, FunctionAnswer> NeverCalled = _ => FunctionAnswer.Fail("Test", "this function must not be invoked");

    private static readonly Func<JsonObject, FunctionAnswer> Teapot = _ => FunctionAnswer.Respond(new JsonObject { ["statusCode"] = 418, ["body"] = "tea" });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task PostNew_NoOrEmptyDeviceCsr_MissingCsrResponseWithoutCallingTheAuthorizer(string? header)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(NeverCalled, NeverCalled);

        using var response = await gateway.PostNewAsync(header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GatewayResponses.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(GatewayResponses.MissingCsr.BodyTemplate, await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.Gateway.AuthorizerEvents);
    }

    [Theory]
    [InlineData("GET", "new")]
    [InlineData("POST", "ca")]
    [InlineData("GET", "health/ready")]
    [InlineData("POST", "new/extra")]
    public async Task AnyOtherRoute_403MissingAuthenticationToken(string method, string path)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(NeverCalled, NeverCalled);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("device-csr", "abc");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Empty(gateway.Gateway.AuthorizerEvents);
    }

    [Fact]
    public async Task PostNew_Allowed_AuthorizerGetsRequestEventIssuerGetsProxyEventWithContext()
    {
        var context = new JsonObject { ["deviceId"] = "device-1", ["count"] = 3, ["flag"] = true };
        await using var gateway = await GatewayUnderTest.StartAsync(
            _ => GatewayUnderTest.Policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:secretless1/*/POST/*", context),
            _ => FunctionAnswer.Respond(new JsonObject { ["statusCode"] = 200, ["headers"] = new JsonObject { ["Content-Type"] = "application/json" }, ["body"] = "{}" }));

        using var response = await gateway.PostNewAsync("Y3Ny?x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var authorizerEvent = Assert.Single(gateway.Gateway.AuthorizerEvents);
        Assert.Equal("REQUEST", authorizerEvent["type"]!.GetValue<string>());
        Assert.Equal(MethodArn, authorizerEvent["methodArn"]!.GetValue<string>());
        Assert.Equal("/new", authorizerEvent["resource"]!.GetValue<string>());
        Assert.Equal("POST", authorizerEvent["httpMethod"]!.GetValue<string>());
        Assert.Equal("Y3Ny?x", authorizerEvent["headers"]!["device-csr"]!.GetValue<string>());
        Assert.Equal("Y3Ny?x", authorizerEvent["multiValueHeaders"]!["device-csr"]![0]!.GetValue<string>());
        Assert.Equal("prod", authorizerEvent["requestContext"]!["stage"]!.GetValue<string>());
        Assert.Null(authorizerEvent["requestContext"]!["authorizer"]);

        var proxyEvent = Assert.Single(gateway.Gateway.IssuerEvents);
        Assert.Equal("/new", proxyEvent["path"]!.GetValue<string>());
        Assert.Equal("Y3Ny?x", proxyEvent["headers"]!["device-csr"]!.GetValue<string>());
        Assert.False(proxyEvent["isBase64Encoded"]!.GetValue<bool>());
        var authorizer = proxyEvent["requestContext"]!["authorizer"]!;
        Assert.Equal("device-1", authorizer["principalId"]!.GetValue<string>());
        Assert.Equal("device-1", authorizer["deviceId"]!.GetValue<string>());
        // REST APIs hand context values to the integration as strings.
        Assert.Equal("3", authorizer["count"]!.GetValue<string>());
        Assert.Equal("true", authorizer["flag"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostNew_IssuerAnswer_StatusHeadersAndBase64BodyPassedThrough()
    {
        var payload = new byte[] { 0, 1, 2, 250, 255 };
        await using var gateway = await GatewayUnderTest.StartAsync(
            _ => GatewayUnderTest.Policy("Allow", MethodArn),
            _ => FunctionAnswer.Respond(new JsonObject
            {
                ["statusCode"] = 202,
                ["headers"] = new JsonObject { ["Location"] = "https://s3.example/x", ["Content-Type"] = "application/octet-stream", ["X-One"] = "a" },
                ["multiValueHeaders"] = new JsonObject { ["X-One"] = new JsonArray("b"), ["Retry-After"] = new JsonArray("7") },
                ["body"] = Convert.ToBase64String(payload),
                ["isBase64Encoded"] = true,
            }));

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri("https://s3.example/x"), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal(["b", "a"], response.Headers.GetValues("X-One"));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PostNew_Deny_DeniedResponseRenderedFromTheAuthorizerContext()
    {
        var context = new JsonObject { ["status"] = "403", ["code"] = "public-key-mismatch", ["title"] = "Public key mismatch", ["detail"] = "Key \\\"x\\\" differs." };
        await using var gateway = await GatewayUnderTest.StartAsync(_ => GatewayUnderTest.Policy("Deny", MethodArn, context), NeverCalled);

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(GatewayResponses.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"type":"https://secretless.dev/problems/public-key-mismatch","title":"Public key mismatch","status":403,"detail":"Key \"x\" differs.","code":"public-key-mismatch"}""",
            await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.Gateway.IssuerEvents);
    }

    [Theory]
    [InlineData("Allow", "arn:aws:execute-api:us-east-1:123456789012:secretless1/prod/GET/new", "execute-api:Invoke")]
    [InlineData("Allow", "arn:aws:execute-api:us-east-1:123456789012:otherapi/*", "execute-api:Invoke")]
    [InlineData("Allow", "*", "lambda:InvokeFunction")]
    public async Task PostNew_AllowThatDoesNotCoverTheMethod_Denied(string effect, string resource, string action)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(_ => GatewayUnderTest.Policy(effect, resource, action: action), NeverCalled);

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(gateway.Gateway.IssuerEvents);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("""{"policyDocument":{"Version":"2012-10-17","Statement":[]}}""")]
    [InlineData("""{"principalId":"d","policyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]},"context":{"nested":{"a":1}}}""")]
    [InlineData("""{"principalId":"d","policyDocument":{"Version":"2012-10-17"}}""")]
    [InlineData("not json")]
    public async Task PostNew_AuthorizerErrorOrMalformedAnswer_AuthorizerFailureEmpty500(string answer)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            _ => answer == "error" ? FunctionAnswer.Fail("System.Exception", "boom") : FunctionAnswer.Respond(answer),
            NeverCalled);

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(GatewayResponses.AuthorizerFailure.BodyTemplate, await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.Gateway.IssuerEvents);
        Assert.NotEmpty(gateway.Gateway.Failures);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("""{"body":"no status"}""")]
    [InlineData("""{"statusCode":200,"headers":{"a":{"b":1}}}""")]
    [InlineData("""{"statusCode":200,"body":"%%%","isBase64Encoded":true}""")]
    public async Task PostNew_IssuerErrorOrMalformedAnswer_502InternalServerError(string answer)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            _ => GatewayUnderTest.Policy("Allow", MethodArn),
            _ => answer == "error" ? FunctionAnswer.Fail("System.Exception", "boom") : FunctionAnswer.Respond(answer));

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("""{"message": "Internal server error"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("InternalServerErrorException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task PostNew_IssuerWithoutContentType_ApplicationJsonAsApiGatewayDefaults()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(_ => GatewayUnderTest.Policy("Allow", MethodArn), Teapot);

        using var response = await gateway.PostNewAsync("abc");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tea", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task PostNew_IssuerSilentPastTheIntegrationTimeout_504EndpointRequestTimedOut()
    {
        using var release = new ManualResetEventSlim();
        await using var gateway = await GatewayUnderTest.StartAsync(
            _ => GatewayUnderTest.Policy("Allow", MethodArn),
            _ =>
            {
                // Answers only after the test has seen the gateway give up.
                release.Wait(TimeSpan.FromMinutes(1));
                return FunctionAnswer.Respond(new JsonObject { ["statusCode"] = 200, ["body"] = "late" });
            },
            integrationTimeout: TimeSpan.FromSeconds(1));

        using var response = await gateway.PostNewAsync("abc");
        release.Set();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("""{"message": "Endpoint request timed out"}""", await response.Content.ReadAsStringAsync());
    }
}
