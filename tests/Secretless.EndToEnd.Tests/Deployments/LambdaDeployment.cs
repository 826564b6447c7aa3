using System.Text.Json;
using Secretless.TestSupport.ApiGateway;
using Secretless.TestSupport.Aws;
using Secretless.TestSupport.Lambda;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// The AWS deployment as the CDK app draws it, on loopback: the local API Gateway in front of the
/// published <c>bootstrap</c> running twice as real processes (the REQUEST authorizer and the
/// issuer), configured by <c>Secretless__…</c> environment variables with the backends of
/// <see cref="AwsAcmPcaDeployment"/> (DynamoDB, ACM PCA, AWS IoT Core, S3 on emulators). Devices are
/// imported with <c>secretless devices import --config</c> into the same DynamoDB table.
/// </summary>
public sealed class LambdaDeployment : IProvisioningDeployment
{
    private readonly AwsBackendEmulators _emulators = new();
    private LambdaFunctionProcess? _authorizer;
    private LambdaFunctionProcess? _issuer;
    private LocalApiGateway? _gateway;
    private string _configPath = "";

    public TemporaryDirectory Scratch { get; } = new("secretless-e2e-lambda");

    /// <summary>The fake ACM PCA + AWS IoT Core endpoint, for assertions and injected faults.</summary>
    public FakeAwsEndpoint Aws => _emulators.Aws;

    public LocalApiGateway Gateway => _gateway ?? throw new InvalidOperationException("The deployment is not started.");

    public Uri ServerUrl => Gateway.Url;

    // Plain HTTP on loopback: nothing to trust, but the client helper wants a PEM file.
    public string ServerCaPath => IssuingCaPath;

    public string ExpectedEndpoint => _emulators.ExpectedEndpoint;

    public string PolicyName => "secretless-default";

    /// <summary>Both functions' logs, for failure messages.</summary>
    public string FunctionOutput => $"authorizer:\n{_authorizer?.Output}\nissuer:\n{_issuer?.Output}\ngateway failures: {string.Join("; ", _gateway?.Failures ?? [])}";

    private string IssuingCaPath => Scratch.File("issuing-ca.pem");

    public async Task InitializeAsync()
    {
        // Fails at once, saying to run scripts/publish-lambda.sh, when the function is not published.
        var bootstrap = FunctionPaths.PublishedBootstrap;
        await _emulators.InitializeAsync();
        var configuration = _emulators.Configuration(AcmPcaSections.Issuer(Aws), AcmPcaSections.Registry(Aws, IssuingCaPath));
        _configPath = Scratch.File("aws.json");
        await File.WriteAllTextAsync(_configPath, configuration.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var environment = new Dictionary<string, string>(ConfigurationEnvironment.From(configuration));
        foreach (var (name, value) in AwsBackendEmulators.CredentialEnvironment)
        {
            environment[name] = value;
        }

        _authorizer = await LambdaFunctionProcess.StartAsync(bootstrap, "authorizer", environment, CancellationToken.None);
        _issuer = await LambdaFunctionProcess.StartAsync(bootstrap, "issuer", environment, CancellationToken.None);
        await WaitUntilPollingAsync(_authorizer);
        await WaitUntilPollingAsync(_issuer);
        _gateway = await LocalApiGateway.StartAsync(_authorizer.RuntimeApi, _issuer.RuntimeApi);
    }

    public Task ImportAsync(IReadOnlyList<DeviceKeyFixture> devices)
        => DeviceManifest.ImportAsync(Scratch, devices, ["--data", Scratch.File("cli-data"), "--config", _configPath], AwsBackendEmulators.CredentialEnvironment);

    public Task<RegisteredThingView?> FindThingAsync(string thingName) => Task.FromResult(FakeIotThings.Find(_emulators.Aws, thingName));

    public Task<int> CountIssuedAsync() => Task.FromResult(Aws.AcmPca.IssueCount);

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        if (_authorizer is not null)
        {
            await _authorizer.DisposeAsync();
        }

        await _emulators.DisposeAsync();
        Scratch.Dispose();
    }

    // A function that cannot start would otherwise show up as every request timing out: fail once, with its log.
    private static async Task WaitUntilPollingAsync(LambdaFunctionProcess function)
    {
        const int probes = 600;
        for (var probe = 0; probe < probes; probe++)
        {
            if (function.RuntimeApi.NextRequests > 0)
            {
                return;
            }

            if (function.HasExited || function.RuntimeApi.InitError is not null)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new InvalidOperationException(
            $"The {function.Handler} function did not start polling the Runtime API (exited: {function.HasExited}, init error: {function.RuntimeApi.InitError?.ErrorMessage}). Its output:{Environment.NewLine}{function.Output}");
    }
}
