using Secretless.Local;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>The README's first command: <c>secretless serve</c> with no configuration at all.</summary>
public sealed class EmbeddedDeployment : IProvisioningDeployment
{
    private ServeProcess? _serve;

    public TemporaryDirectory Scratch { get; } = new("secretless-e2e-embedded");

    private string DataDirectory => Scratch.File("data");

    public Uri ServerUrl => Serve.Url;

    public string ServerCaPath => Path.Combine(DataDirectory, "pki", "ca-chain.pem");

    public string ExpectedEndpoint => $"localhost:{Serve.MqttPort}";

    public string PolicyName => "secretless-default";

    private ServeProcess Serve => _serve ?? throw new InvalidOperationException("The stack is not started.");

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync(DataDirectory, [], environment: null);

    public Task ImportAsync(IReadOnlyList<DeviceKeyFixture> devices)
        => DeviceManifest.ImportAsync(Scratch, devices, ["--data", DataDirectory], environment: null);

    public async Task<RegisteredThingView?> FindThingAsync(string thingName)
    {
        var registry = OpenRegistry();
        var thing = await registry.GetThingAsync(thingName, CancellationToken.None);
        if (thing is null)
        {
            return null;
        }

        var certificates = new List<RegisteredCertificateView>();
        foreach (var principal in thing.Principals)
        {
            var certificate = await registry.GetCertificateAsync(principal.CertificateId, CancellationToken.None);
            certificates.Add(new RegisteredCertificateView(
                principal.CertificateId,
                principal.Status.ToString().ToUpperInvariant(),
                certificate?.PolicyNames ?? []));
        }

        return new RegisteredThingView(thing.Name, certificates);
    }

    public async Task<int> CountIssuedAsync()
        => (await OpenRegistry().ListCertificatesAsync(null, int.MaxValue, CancellationToken.None)).Count;

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        Scratch.Dispose();
    }

    // The same SQLite file serve writes (WAL): read side by side, as the admin commands do.
    private SqliteThingRegistry OpenRegistry()
    {
        var data = new SecretlessDataDirectory(DataDirectory);
        return new SqliteThingRegistry(SqliteDatabase.Open(data, TimeProvider.System), new LocalStackOptions(), TimeProvider.System);
    }
}
