using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Secretless.Device.Tests.Support;

/// <summary>
/// A tiny real Kestrel server (plain HTTP on 127.0.0.1, port 0) that answers <c>GET /ca</c> and
/// <c>POST /new</c> with whatever a test crafts — answers the real server never gives.
/// </summary>
public sealed class CraftedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CraftedServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <param name="mapMore">Further routes, e.g. a certificate URL a crafted 202 points to.</param>
    public static async Task<CraftedServer> StartAsync(string caChainPem, RequestDelegate answerNew, Action<WebApplication>? mapMore = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet("/ca", () => Results.Text(caChainPem, "application/x-pem-file"));
        app.MapPost("/new", answerNew);
        mapMore?.Invoke(app);
        await app.StartAsync();
        return new CraftedServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>Answers 200 with the given certificate in the contract's JSON.</summary>
    public static RequestDelegate Issue(string certificatePem, string chainPem) => context =>
        context.Response.WriteAsJsonAsync(
            new Dictionary<string, string>
            {
                ["certificate"] = certificatePem,
                ["certificateChain"] = chainPem,
                ["endpoint"] = "localhost:8883",
                ["certificateId"] = "crafted",
                ["notAfter"] = "2030-01-01T00:00:00Z",
            },
            CraftedJsonContext.Default.DictionaryStringString);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
