using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Tests;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, port 0) that answers every request with one S3
/// error, e.g. 503 SlowDown, the way S3 does when a prefix is throttled.
/// </summary>
public sealed class FailingS3Endpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private FailingS3Endpoint(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>How many requests reached the server.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<FailingS3Endpoint> StartAsync(HttpStatusCode status, string errorCode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var endpoint = new FailingS3Endpoint(builder.Build());
        endpoint._app.Run(async context =>
        {
            Interlocked.Increment(ref endpoint._requests);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/xml";
            context.Response.Headers["x-amz-request-id"] = "FAILING0001";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{errorCode}</Code><Message>{errorCode} from the test endpoint</Message><RequestId>FAILING0001</RequestId></Error>");
            }
        });
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
}
