using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Server.Hosting;
using Secretless.Server.Logging;
using Secretless.Server.Middleware;

namespace Secretless.Server;

/// <summary>
/// Builds the provisioning web host. Deliberately thin: wiring lives in
/// <see cref="ServerServiceCollectionExtensions"/> and <see cref="EndpointRouteBuilderExtensions"/>.
/// </summary>
public static class SecretlessServer
{
    /// <summary>
    /// Builds (does not start) the server. <paramref name="configureBackends"/> registers the
    /// directory, CA, registry and ledger (e.g. <c>services.AddSecretlessLocal(dir)</c>).
    /// </summary>
    public static WebApplication Build(SecretlessServerOptions options, Action<IServiceCollection>? configureBackends)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = options.Validate();

        // The empty builder reads no environment variables or appsettings: the listen URLs and
        // logging are exactly what the options say, whatever ASPNETCORE_* the shell carries.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SecretlessServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => KestrelListenConfigurator.Configure(
            kestrel,
            urls,
            () => kestrel.ApplicationServices.GetRequiredService<ServerTlsIdentity>()));
        options.ConfigureLogging?.Invoke(builder.Logging);

        configureBackends?.Invoke(builder.Services);
        builder.Services.AddSecretlessServer(options);

        var app = builder.Build();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.MapSecretlessEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, options, urls));
        return app;
    }

    /// <summary>The addresses the started server is bound to (actual ports when port 0 was asked).</summary>
    public static IReadOnlyList<string> GetListeningAddresses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = ((IApplicationBuilder)app).ServerFeatures.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.ToList() ?? [];
    }

    private static void Announce(WebApplication app, SecretlessServerOptions options, IReadOnlyList<ServerUrl> urls)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretlessServer).FullName!);
        foreach (var url in urls.Where(url => !url.IsHttps))
        {
            ServerLog.PlainHttp(logger, url.Original);
        }

        var caChainPath = urls.Any(url => url.IsHttps)
            ? app.Services.GetRequiredService<ServerTlsIdentity>().CaChainPath
            : ServerTlsIdentity.FindCaChainPath(options, app.Services);
        var addresses = app.GetListeningAddresses();
        var addressList = string.Join(", ", addresses);
        ServerLog.Listening(logger, addressList, caChainPath ?? "(not a local CA)");
        options.OnStarted?.Invoke(new ServerStartedInfo(addresses, caChainPath));
    }
}
