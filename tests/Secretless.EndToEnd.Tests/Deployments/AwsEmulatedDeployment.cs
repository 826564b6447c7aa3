using System.Text.Json;
using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// <c>secretless serve --config aws.json</c> with every port on an AWS backend, on the emulators of
/// <see cref="AwsBackendEmulators"/>.
/// </summary>
public abstract class AwsEmulatedDeployment : IProvisioningDeployment
{
    private readonly AwsBackendEmulators _emulators = new();
    private ServeProcess? _serve;
    private string _configPath = "";

    public TemporaryDirectory Scratch { get; } = new("secretless-e2e-aws");

    /// <summary>The fake ACM PCA + AWS IoT Core endpoint, for assertions and injected faults.</summary>
    public FakeAwsEndpoint Aws => _emulators.Aws;

    public Uri ServerUrl => Serve.Url;

    public string ServerCaPath => Path.Combine(DataDirectory, "pki", "ca-chain.pem");

    public string ExpectedEndpoint => _emulators.ExpectedEndpoint;

    public string PolicyName => "secretless-default";

    private string DataDirectory => Scratch.File("data");

    private ServeProcess Serve => _serve ?? throw new InvalidOperationException("The deployment is not started.");

    public async Task InitializeAsync()
    {
        await _emulators.InitializeAsync();
        var configuration = _emulators.Configuration(ConfigureIssuer(Aws), ConfigureRegistry(Aws));
        _configPath = Scratch.File("aws.json");
        await File.WriteAllTextAsync(_configPath, configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _serve = await ServeProcess.StartAsync(DataDirectory, ["--config", _configPath], AwsBackendEmulators.CredentialEnvironment);
    }

    public Task ImportAsync(IReadOnlyList<DeviceKeyFixture> devices)
        => DeviceManifest.ImportAsync(Scratch, devices, ["--data", DataDirectory, "--config", _configPath], AwsBackendEmulators.CredentialEnvironment);

    public Task<RegisteredThingView?> FindThingAsync(string thingName) => Task.FromResult(FakeIotThings.Find(_emulators.Aws, thingName));

    public abstract Task<int> CountIssuedAsync();

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        await _emulators.DisposeAsync();
        Scratch.Dispose();
    }

    /// <summary>The <c>Secretless:Issuer</c> section.</summary>
    protected abstract JsonObject ConfigureIssuer(FakeAwsEndpoint aws);

    /// <summary>The <c>Secretless:Registry</c> section.</summary>
    protected abstract JsonObject ConfigureRegistry(FakeAwsEndpoint aws);
}
