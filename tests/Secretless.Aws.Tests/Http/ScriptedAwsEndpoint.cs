using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Tests.Http;

/// <summary>
/// A real Kestrel on 127.0.0.1 that answers requests from a script (throttling, 5xx, then
/// success) and records what arrived, to test the transport's retries over real HTTP.
/// When the script runs out, every further request gets the last reply again.
/// </summary>
internal sealed class ScriptedAwsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScriptedReply _last;

    private ScriptedAwsEndpoint(WebApplication app, IEnumerable<ScriptedReply> script)
    {
        _app = app;
        _script = new ConcurrentQueue<ScriptedReply>(script);
        _last = _script.Last();
    }

    public Uri ServiceUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Completes when the first request has been answered.</summary>
    public Task FirstRequest => _firstRequest.Task;

    public static async Task<ScriptedAwsEndpoint> StartAsync(params ScriptedReply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var endpoint = new ScriptedAwsEndpoint(builder.Build(), script);
        endpoint._app.Run(endpoint.AnswerAsync);
        await endpoint._app.StartAsync();
        var address = endpoint._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.ServiceUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue(new ReceivedRequest(
            context.Request.Headers["x-amz-date"].ToString(),
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["x-amz-target"].ToString(),
            context.Request.ContentType,
            body.ToArray()));
        var reply = _script.TryDequeue(out var next) ? _last = next : _last;
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = $"req-{_received.Count}";
        await context.Response.WriteAsync(reply.Body);
        _firstRequest.TrySetResult();
    }
}
