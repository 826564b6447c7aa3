using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Lambda.Gateway;
using Secretless.TestSupport.Lambda;

namespace Secretless.TestSupport.ApiGateway;

/// <summary>
/// A local stand-in for the deployed REST API (Kestrel on 127.0.0.1, port 0, plain HTTP) with one
/// method, <c>POST /new</c>: identity-source check on <c>device-csr</c> (authorizer TTL 0, so every
/// request is authorized), the REQUEST authorizer invoked through its function's Runtime API
/// emulator, the policy evaluated on the method ARN, then either a gateway response from
/// <see cref="GatewayResponses"/> or the Lambda proxy integration to the issuer function. Anything
/// else is answered as API Gateway answers an undefined route.
/// </summary>
public sealed class LocalApiGateway : IAsyncDisposable
{
    public const string ResourcePath = "/new";
    public const string IdentitySourceHeader = "device-csr";

    // How Lambda reports an invocation that ran past its timeout.
    private const string TimedOutErrorType = "Sandbox.Timedout";

    private readonly WebApplication _app;
    private readonly LambdaRuntimeApiEmulator _authorizer;
    private readonly LambdaRuntimeApiEmulator _issuer;
    private readonly LocalApiGatewayOptions _options;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _authorizerEvents = [];
    private readonly List<JsonObject> _issuerEvents = [];
    private readonly List<string> _failures = [];

    private LocalApiGateway(WebApplication app, LambdaRuntimeApiEmulator authorizer, LambdaRuntimeApiEmulator issuer, LocalApiGatewayOptions options)
    {
        _app = app;
        _authorizer = authorizer;
        _issuer = issuer;
        _options = options;
    }

    /// <summary>The stage's invoke URL, e.g. <c>http://127.0.0.1:41234/</c> (a custom domain maps the stage to /).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every event sent to the authorizer, in order.</summary>
    public IReadOnlyList<JsonObject> AuthorizerEvents => Snapshot(_authorizerEvents);

    /// <summary>Every event sent to the issuer, in order.</summary>
    public IReadOnlyList<JsonObject> IssuerEvents => Snapshot(_issuerEvents);

    /// <summary>Why invocations were answered 500/502/504 (function errors, malformed answers), for failure messages.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    public static async Task<LocalApiGateway> StartAsync(
        LambdaRuntimeApiEmulator authorizer,
        LambdaRuntimeApiEmulator issuer,
        LocalApiGatewayOptions? options = null,
        CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var gateway = new LocalApiGateway(builder.Build(), authorizer, issuer, options ?? new LocalApiGatewayOptions());
        gateway._app.Run(gateway.HandleAsync);
        await gateway._app.StartAsync(ct);
        var address = gateway._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        gateway.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var request = await GatewayRequest.ReadAsync(context.Request, _options.TimeProvider, ct);
        context.Response.Headers[ApiGatewayBuiltInResponses.RequestIdHeader] = request.RequestId;
        if (!HttpMethods.IsPost(request.HttpMethod) || !string.Equals(request.Path, ResourcePath, StringComparison.Ordinal))
        {
            await WriteAsync(context, ApiGatewayBuiltInResponses.MissingAuthenticationToken);
            return;
        }

        // Identity source: without a non-empty device-csr API Gateway answers UNAUTHORIZED itself.
        if (string.IsNullOrEmpty(request.LastHeader(IdentitySourceHeader)))
        {
            await WriteAsync(context, GatewayResponses.MissingCsr, new Dictionary<string, string>());
            return;
        }

        var authorizerEvent = ApiGatewayEvents.AuthorizerRequest(request, _options, ResourcePath);
        Record(_authorizerEvents, authorizerEvent);
        var authorization = await InvokeAsync(_authorizer, "authorizer", authorizerEvent, ct);
        var result = authorization.Succeeded ? AuthorizerResult.TryParse(authorization.Payload) : null;
        if (result is null)
        {
            RecordFailure(authorization.Succeeded ? "authorizer: malformed response" : "authorizer: invocation failed");
            await WriteAsync(context, GatewayResponses.AuthorizerFailure, new Dictionary<string, string>());
            return;
        }

        var allowed = result.Allows(authorizerEvent["methodArn"]!.GetValue<string>(), out var policyMalformed);
        if (policyMalformed)
        {
            RecordFailure("authorizer: malformed policy document");
            await WriteAsync(context, GatewayResponses.AuthorizerFailure, result.Context);
            return;
        }

        if (!allowed)
        {
            await WriteAsync(context, GatewayResponses.Denied, result.Context);
            return;
        }

        var proxyEvent = ApiGatewayEvents.ProxyIntegration(request, _options, ResourcePath, result);
        Record(_issuerEvents, proxyEvent);
        await IntegrateAsync(context, proxyEvent, ct);
    }

    private async Task IntegrateAsync(HttpContext context, JsonObject proxyEvent, CancellationToken ct)
    {
        var invocation = await InvokeAsync(_issuer, "issuer", proxyEvent, ct);
        if (!invocation.Succeeded && string.Equals(invocation.ErrorType, TimedOutErrorType, StringComparison.Ordinal))
        {
            await WriteAsync(context, ApiGatewayBuiltInResponses.EndpointRequestTimedOut);
            return;
        }

        var response = invocation.Succeeded ? ProxyIntegrationResponse.TryParse(invocation.Payload) : null;
        if (response is null)
        {
            RecordFailure(invocation.Succeeded ? "issuer: malformed proxy response" : "issuer: invocation failed");
            await WriteAsync(context, ApiGatewayBuiltInResponses.InternalServerError);
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            context.Response.Headers.Append(name, value);
        }

        // API Gateway's default when the integration sets none.
        if (string.IsNullOrEmpty(context.Response.ContentType))
        {
            context.Response.ContentType = "application/json";
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, CancellationToken.None);
    }

    private async Task<LambdaInvocation> InvokeAsync(LambdaRuntimeApiEmulator function, string name, JsonObject lambdaEvent, CancellationToken ct)
    {
        var invocation = await function.InvokeAsync(Encoding.UTF8.GetBytes(lambdaEvent.ToJsonString()), _options.IntegrationTimeout, ct);
        if (!invocation.Succeeded)
        {
            RecordFailure($"{name}: {invocation.ErrorType}: {invocation.ErrorMessage}");
        }

        return invocation;
    }

    private static async Task WriteAsync(HttpContext context, GatewayResponseDefinition definition, IReadOnlyDictionary<string, string> authorizerContext)
    {
        var body = Encoding.UTF8.GetBytes(GatewayResponseTemplate.Render(definition, authorizerContext));
        context.Response.StatusCode = definition.StatusCode;
        context.Response.ContentType = definition.ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None);
    }

    private static async Task WriteAsync(HttpContext context, ApiGatewayBuiltInResponse response)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.Headers[ApiGatewayBuiltInResponses.ErrorTypeHeader] = response.ErrorType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None);
    }

    private void Record(List<JsonObject> events, JsonObject lambdaEvent)
    {
        lock (_gate)
        {
            events.Add((JsonObject)lambdaEvent.DeepClone());
        }
    }

    private void RecordFailure(string failure)
    {
        lock (_gate)
        {
            _failures.Add(failure);
        }
    }

    private IReadOnlyList<JsonObject> Snapshot(List<JsonObject> events)
    {
        lock (_gate)
        {
            return [.. events.Select(e => (JsonObject)e.DeepClone())];
        }
    }
}
