using System.Text.Json.Nodes;
using Secretless.TestSupport.ApiGateway;
using Secretless.TestSupport.Lambda;

namespace Secretless.EndToEnd.Tests.ApiGateway;

/// <summary>
/// A <see cref="LocalApiGateway"/> over two Runtime API emulators whose functions are scripted by the
/// test, reached with a plain HTTP client.
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly LambdaRuntimeApiEmulator _authorizerRuntime;
    private readonly LambdaRuntimeApiEmulator _issuerRuntime;
    private readonly ScriptedFunction _authorizer;
    private readonly ScriptedFunction _issuer;

    private GatewayUnderTest(
        LambdaRuntimeApiEmulator authorizerRuntime,
        LambdaRuntimeApiEmulator issuerRuntime,
        ScriptedFunction authorizer,
        ScriptedFunction issuer,
        LocalApiGateway gateway)
    {
        _authorizerRuntime = authorizerRuntime;
        _issuerRuntime = issuerRuntime;
        _authorizer = authorizer;
        _issuer = issuer;
        Gateway = gateway;
        Client = new HttpClient { BaseAddress = gateway.Url };
    }

    public LocalApiGateway Gateway { get; }

    public HttpClient Client { get; }

    public static async Task<GatewayUnderTest> StartAsync(Func<JsonObject, FunctionAnswer> authorizer, Func<JsonObject, FunctionAnswer> issuer, TimeSpan? integrationTimeout = null)
    {
        var authorizerRuntime = await LambdaRuntimeApiEmulator.StartAsync();
        var issuerRuntime = await LambdaRuntimeApiEmulator.StartAsync();
        var options = new LocalApiGatewayOptions { IntegrationTimeout = integrationTimeout ?? TimeSpan.FromSeconds(29) };
        var gateway = await LocalApiGateway.StartAsync(authorizerRuntime, issuerRuntime, options);
        return new GatewayUnderTest(
            authorizerRuntime,
            issuerRuntime,
            ScriptedFunction.Start(authorizerRuntime.RuntimeApiAddress, authorizer),
            ScriptedFunction.Start(issuerRuntime.RuntimeApiAddress, issuer),
            gateway);
    }

    public async Task<HttpResponseMessage> PostNewAsync(string? deviceCsr, string path = "new")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (deviceCsr is not null)
        {
            request.Headers.TryAddWithoutValidation("device-csr", deviceCsr);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>An authorizer answer: principalId, one statement on <paramref name="resource"/>, and a context.</summary>
    public static FunctionAnswer Policy(string effect, string resource, JsonObject? context = null, string action = "execute-api:Invoke")
    {
        var answer = new JsonObject
        {
            ["principalId"] = "device-1",
            ["policyDocument"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject { ["Action"] = action, ["Effect"] = effect, ["Resource"] = resource }),
            },
        };
        if (context is not null)
        {
            answer["context"] = context;
        }

        return FunctionAnswer.Respond(answer);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await _authorizer.DisposeAsync();
        await _issuer.DisposeAsync();
        await _authorizerRuntime.DisposeAsync();
        await _issuerRuntime.DisposeAsync();
    }
}
