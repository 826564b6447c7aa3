using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, port 0) in front of dynalite that passes requests
/// through, except that one operation can be made to fail the way DynamoDB fails under load:
/// throttled with 400 ProvisionedThroughputExceededException, or answered 200 with every item
/// handed back as UnprocessedItems (BatchWriteItem only).
/// </summary>
public sealed class DynamoDbFaultProxy : IAsyncDisposable
{
    private const string TargetPrefix = "DynamoDB_20120810.";

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private string? _faultOperation;
    private DynamoDbFault _fault;
    private int _passBeforeFault;
    private int _faultCount;

    private DynamoDbFaultProxy(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = new HttpClient { BaseAddress = upstream };
    }

    public Uri ServiceUrl { get; private set; } = null!;

    public static async Task<DynamoDbFaultProxy> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var proxy = new DynamoDbFaultProxy(builder.Build(), upstream);
        proxy._app.Run(proxy.HandleAsync);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.ServiceUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    /// <summary>Lets <paramref name="passFirst"/> calls of the operation through, then fails the next <paramref name="count"/>.</summary>
    public void Fail(string operation, DynamoDbFault fault, int passFirst = 0, int count = int.MaxValue)
    {
        lock (_gate)
        {
            _faultOperation = operation;
            _fault = fault;
            _passBeforeFault = passFirst;
            _faultCount = count;
        }
    }

    /// <summary>How many calls of <paramref name="operation"/> arrived (failed ones included).</summary>
    public int Calls(string operation)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(operation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        var fault = NextFault(operation);
        if (fault == DynamoDbFault.Throttle)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.WriteAsync(
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
            return;
        }

        if (fault == DynamoDbFault.UnprocessedItems)
        {
            // A BatchWriteItem request's RequestItems has exactly the shape of the response's UnprocessedItems.
            var requestItems = System.Text.Json.Nodes.JsonNode.Parse(body)!["RequestItems"]!.ToJsonString();
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.WriteAsync($"{{\"UnprocessedItems\":{requestItems}}}");
            return;
        }

        using var forward = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/x-amz-json-1.0");
        foreach (var name in new[] { "X-Amz-Target", "X-Amz-Date", "Authorization", "X-Amz-Security-Token" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                forward.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var response = await _upstream.SendAsync(forward);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.WriteAsync(await response.Content.ReadAsStringAsync());
    }

    private DynamoDbFault NextFault(string operation)
    {
        lock (_gate)
        {
            var call = _calls.GetValueOrDefault(operation) + 1;
            _calls[operation] = call;
            if (operation != _faultOperation || call <= _passBeforeFault || call - _passBeforeFault > _faultCount)
            {
                return DynamoDbFault.None;
            }

            return _fault;
        }
    }
}
