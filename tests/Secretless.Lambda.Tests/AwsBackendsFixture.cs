using Secretless.TestSupport.Aws;
using Secretless.TestSupport.Emulators;

namespace Secretless.Lambda.Tests;

/// <summary>
/// The AWS services the functions use, on loopback (<see cref="AwsBackendEmulators"/>), with the
/// production shape: ACM PCA issues, IoT Core registers with the CA registered. Credentials come
/// from the AWS chain as in Lambda: this test process's environment holds the emulators' key.
/// </summary>
public sealed class AwsBackendsFixture : IAsyncLifetime
{
    private readonly AwsBackendEmulators _emulators = new();

    public static IReadOnlyDictionary<string, string> CredentialEnvironment => AwsBackendEmulators.CredentialEnvironment;

    public TemporaryDirectory Scratch { get; } = new("secretless-lambda-tests");

    public FakeAwsEndpoint Aws => _emulators.Aws;

    public string CaCertificatePath => Scratch.File("issuing-ca.pem");

    public async Task InitializeAsync()
    {
        foreach (var (name, value) in CredentialEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await _emulators.InitializeAsync();
    }

    /// <summary>A fresh deployment's configuration (own tables and S3 prefix), keys as <c>Secretless:Port:Option</c>.</summary>
    public Dictionary<string, string?> NewConfiguration()
    {
        var configuration = _emulators.Configuration(AcmPcaSections.Issuer(Aws), AcmPcaSections.Registry(Aws, CaCertificatePath));
        return ConfigurationEnvironment.From(configuration, ":").ToDictionary(entry => entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);
    }

    /// <summary>The same configuration as Lambda environment variables (<c>Secretless__Port__Option</c>) plus credentials.</summary>
    public static Dictionary<string, string> AsEnvironment(Dictionary<string, string?> configuration)
    {
        var environment = configuration.ToDictionary(entry => entry.Key.Replace(":", "__", StringComparison.Ordinal), entry => entry.Value ?? "", StringComparer.Ordinal);
        foreach (var (name, value) in CredentialEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    public async Task DisposeAsync()
    {
        await _emulators.DisposeAsync();
        Scratch.Dispose();
    }
}
