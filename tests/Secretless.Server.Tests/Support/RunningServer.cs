using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local;
using Secretless.TestSupport;

namespace Secretless.Server.Tests.Support;

/// <summary>
/// The real server on 127.0.0.1, port 0, HTTPS by default, over real SQLite and the local PKI in a
/// temporary data directory. Devices are imported through the real device directory.
/// (Source-linked into Secretless.Device.Tests, so TestSupport need not reference the server.)
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;

    private RunningServer(TemporaryDirectory directory, WebApplication app, ServerStartedInfo started, CapturedLog log, string caChainPem, bool https)
    {
        _directory = directory;
        App = app;
        Log = log;
        CaChainPem = caChainPem;
        CaChainPath = started.CaChainPath ?? throw new InvalidOperationException("The server announced no CA chain path.");
        Started = started;
        BaseUri = new Uri(started.Addresses.Single().TrimEnd('/') + "/");
        Client = new HttpClient(https ? CreateTrustingHandler(caChainPem) : new SocketsHttpHandler()) { BaseAddress = BaseUri };
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    /// <summary>What <c>OnStarted</c> received.</summary>
    public ServerStartedInfo Started { get; }

    /// <summary>The CA chain file the server announced (issuing CA, root).</summary>
    public string CaChainPath { get; }

    public string CaChainPem { get; }

    /// <summary>An HTTP client that trusts only the local CA, like <c>curl --cacert</c>.</summary>
    public HttpClient Client { get; }

    public CapturedLog Log { get; }

    /// <summary>A scratch directory for test files (keys, CSRs), deleted with the server.</summary>
    public TemporaryDirectory Scratch => _directory;

    public SecretlessDataDirectory DataDirectory => App.Services.GetRequiredService<SecretlessDataDirectory>();

    public T GetRequiredService<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts a server; <paramref name="overrideServices"/> runs after the local backends are added,
    /// <paramref name="configureOptions"/> adjusts the server options, and <paramref name="prepareData"/>
    /// seeds the data directory before the server is built (e.g. a ledger left mid-issuance).
    /// </summary>
    public static async Task<RunningServer> StartAsync(
        Action<IServiceCollection>? overrideServices = null,
        bool https = true,
        Action<SecretlessServerOptions>? configureOptions = null,
        Func<SecretlessDataDirectory, Task>? prepareData = null)
    {
        var directory = new TemporaryDirectory("secretless-server");
        var log = new CapturedLog();
        ServerStartedInfo? started = null;
        var options = new SecretlessServerOptions
        {
            Urls = [https ? "https://127.0.0.1:0" : "http://127.0.0.1:0"],
            DataDirectory = directory.File("data"),
            ConfigureLogging = logging => logging.AddProvider(log),
            OnStarted = info => started = info,
        };
        configureOptions?.Invoke(options);
        var dataDirectory = new SecretlessDataDirectory(directory.File("data"));
        if (prepareData is not null)
        {
            try
            {
                await prepareData(dataDirectory);
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        var app = SecretlessServer.Build(options, services =>
        {
            services.AddSecretlessLocal(dataDirectory);
            overrideServices?.Invoke(services);
        });
        try
        {
            await app.StartAsync();
            var caChainPem = await File.ReadAllTextAsync(started!.CaChainPath!);
            return new RunningServer(directory, app, started, log, caChainPem, https);
        }
        catch
        {
            await app.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Registers a device with the SPKI (DER or as openssl writes it) of its key.</summary>
    public async Task ImportDeviceAsync(string deviceId, byte[] spkiDer)
    {
        if (!PublicKeyNormalizer.TryNormalize(spkiDer, out var key, out var error))
        {
            throw new InvalidOperationException($"Test key not importable: {error!.Code}");
        }

        var result = await GetRequiredService<IDeviceDirectory>().ImportAsync(
            [new DeviceImportEntry(1, deviceId, key!.SpkiDer, key.Algorithm)],
            replaceExistingKeys: false,
            progress: null,
            CancellationToken.None);
        if (!result.Committed)
        {
            throw new InvalidOperationException($"Import of {deviceId} conflicted.");
        }
    }

    public Task ImportDeviceAsync(DeviceKeyFixture device) => ImportDeviceAsync(device.DeviceId, device.PublicKeySpkiDer);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _directory.Dispose();
    }

    private static SocketsHttpHandler CreateTrustingHandler(string caChainPem)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(caChainPem);
        policy.CustomTrustStore.Add(certificates[^1]);
        policy.ExtraStore.AddRange(certificates);
        return new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
    }
}
