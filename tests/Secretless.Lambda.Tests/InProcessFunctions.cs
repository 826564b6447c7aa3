using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Backends;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Lambda.Authorizer;
using Secretless.Lambda.Hosting;
using Secretless.Lambda.Issuer;
using Secretless.Lambda.Runtime;
using Secretless.Local;
using Secretless.Server;

namespace Secretless.Lambda.Tests;

/// <summary>
/// Both functions wired exactly as the bootstrap wires them (<see cref="LambdaFunctionSetup"/>), in
/// this process, plus <c>secretless serve</c> on the same AWS configuration: the reference whose
/// answers the functions must reproduce byte for byte.
/// </summary>
internal sealed class InProcessFunctions : IAsyncDisposable
{
    private readonly ServiceProvider _authorizer;
    private readonly ServiceProvider _issuer;
    private readonly WebApplication _serve;
    private readonly TemporaryDirectory _data;

    private InProcessFunctions(ServiceProvider authorizer, ServiceProvider issuer, WebApplication serve, TemporaryDirectory data, HttpClient serveClient)
    {
        _authorizer = authorizer;
        _issuer = issuer;
        _serve = serve;
        _data = data;
        Serve = serveClient;
    }

    public DeviceAuthorizerHandler Authorizer => (DeviceAuthorizerHandler)_authorizer.GetRequiredService<ILambdaHandler>();

    public ProvisioningIssuerHandler Issuer => (ProvisioningIssuerHandler)_issuer.GetRequiredService<ILambdaHandler>();

    /// <summary>A client of serve (base address set).</summary>
    public HttpClient Serve { get; }

    public static async Task<InProcessFunctions> StartAsync(AwsBackendsFixture aws)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(aws.NewConfiguration()).Build();
        var authorizer = Function(configuration, LambdaFunctionSetup.AuthorizerHandler);
        var issuer = Function(configuration, LambdaFunctionSetup.IssuerHandler);
        var data = new TemporaryDirectory("secretless-lambda-serve");
        var serve = SecretlessServer.Build(
            new SecretlessServerOptions { Urls = ["http://127.0.0.1:0"], DataDirectory = data.Path },
            services => services.AddSecretlessBackends(configuration, new SecretlessDataDirectory(data.Path)));
        await serve.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(serve.GetListeningAddresses().Single().TrimEnd('/') + "/") };
        return new InProcessFunctions(authorizer, issuer, serve, data, client);
    }

    /// <summary>Registers the device's key in the shared DynamoDB directory (what <c>devices import</c> does).</summary>
    public async Task ImportAsync(DeviceKeyFixture device)
    {
        var directory = _authorizer.GetRequiredService<IDeviceDirectory>();
        await directory.ImportAsync([new DeviceImportEntry(1, device.DeviceId, device.PublicKeySpkiDer, KeyAlgorithm.EcdsaP256)], false, null, CancellationToken.None);
    }

    /// <summary>serve's answer to <c>POST /new</c> with these headers.</summary>
    public async Task<HttpResponseMessage> PostToServeAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "new");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Serve.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Serve.Dispose();
        await _serve.StopAsync();
        await _serve.DisposeAsync();
        await _authorizer.DisposeAsync();
        await _issuer.DisposeAsync();
        _data.Dispose();
    }

    private static ServiceProvider Function(IConfiguration configuration, string handler)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddLambdaFunction(configuration, handler);
        return services.BuildServiceProvider();
    }
}
