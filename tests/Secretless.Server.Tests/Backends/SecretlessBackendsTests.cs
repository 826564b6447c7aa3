using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Delivery;
using Secretless.Aws.DynamoDb;
using Secretless.Aws.Iot;
using Secretless.Core.Delivery;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;
using Secretless.Local;
using Secretless.Local.Devices;
using Secretless.Local.Registry;
using Secretless.Backends;
using Secretless.TestSupport;

namespace Secretless.Server.Tests.Backends;

public sealed class SecretlessBackendsTests : IDisposable
{
    private const string CaArn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70";

    private readonly TemporaryDirectory _temp = new("secretless-backends");

    [Fact]
    public void AddSecretlessBackends_NoConfiguration_EmbeddedBackends()
    {
        using var provider = Build([], out var selection);

        Assert.Equal(BackendSelection.Embedded, selection);
        Assert.True(selection.HasLocalRegistry);
        Assert.IsType<SqliteDeviceDirectory>(provider.GetRequiredService<IDeviceDirectory>());
        Assert.IsType<SqliteThingRegistry>(provider.GetRequiredService<IThingRegistry>());
    }

    [Fact]
    public void AddSecretlessBackends_AllAwsTypes_EveryPortOnItsAwsBackend()
    {
        var caPath = _temp.File("ca.pem");
        File.WriteAllText(caPath, TestCa.Pem());
        using var provider = Build(
            new()
            {
                ["Secretless:Directory:Type"] = "DynamoDb",
                ["Secretless:Directory:TableName"] = "widgiot-iot-provisioning-secretfree",
                ["Secretless:Directory:Region"] = "eu-west-1",
                ["Secretless:Ledger:Type"] = "dynamodb",
                ["Secretless:Ledger:TableName"] = "secretless-ledger",
                ["Secretless:Ledger:Region"] = "eu-west-1",
                ["Secretless:Issuer:Type"] = "AcmPca",
                ["Secretless:Issuer:CertificateAuthorityArn"] = CaArn,
                ["Secretless:Issuer:Region"] = "eu-west-1",
                ["Secretless:Issuer:IssueDeadline"] = "00:00:07",
                ["Secretless:Registry:Type"] = "IotCore",
                ["Secretless:Registry:CaCertificatePath"] = caPath,
                ["Secretless:Registry:Region"] = "eu-west-1",
                ["Secretless:PayloadStore:Type"] = "S3",
                ["Secretless:PayloadStore:BucketName"] = "widgiot-payloads",
                ["Secretless:PayloadStore:Region"] = "eu-west-1",
            },
            out var selection);

        Assert.Equal(new BackendSelection("DynamoDb", "DynamoDb", "AcmPca", "IotCore", "S3"), selection);
        Assert.False(selection.HasLocalRegistry);
        Assert.IsType<DynamoDbDeviceDirectory>(provider.GetRequiredService<IDeviceDirectory>());
        Assert.IsType<DynamoDbIssuanceLedger>(provider.GetRequiredService<IIssuanceLedger>());
        Assert.IsType<AcmPcaCertificateAuthority>(provider.GetRequiredService<ICertificateAuthority>());
        Assert.IsType<IotCoreThingRegistry>(provider.GetRequiredService<IThingRegistry>());
        Assert.IsType<S3PayloadStore>(provider.GetRequiredService<IPayloadStore>());
    }

    [Fact]
    public void AddSecretlessBackends_ProvisioningSection_BoundAndOverridable()
    {
        using var provider = Build(
            new()
            {
                ["Secretless:Provisioning:Validity"] = "30.00:00:00",
                ["Secretless:Provisioning:PolicyName"] = "widgiot-device",
            },
            out _);

        var options = provider.GetRequiredService<ProvisioningOptions>();
        Assert.Equal(TimeSpan.FromDays(30), options.Validity);
        Assert.Equal("widgiot-device", options.PolicyName);
    }

    [Fact]
    public void AddSecretlessBackends_LocalRegistryEndpoint_ToldToDevices()
    {
        using var provider = Build(new() { ["Secretless:Registry:MqttEndpoint"] = "iot.example.test:8883" }, out _);

        Assert.Equal("iot.example.test:8883", provider.GetRequiredService<LocalStackOptions>().MqttEndpoint);
    }

    [Fact]
    public void AddSecretlessBackends_SeveralMistakes_EveryProblemReportedAtOnce()
    {
        var failure = Assert.Throws<BackendConfigurationException>(() => Build(
            new()
            {
                ["Secretless:Directory:Type"] = "DynamoDb",
                ["Secretless:Directory:TabelName"] = "devices",
                ["Secretless:Issuer:Type"] = "Vault",
                ["Secretless:Ledger:ConsistentRead"] = "true",
                ["Secretless:PayloadStore:Type"] = "S3",
                ["Secretless:PayloadStore:BucketName"] = "widgiot-payloads",
                ["Secretless:PayloadStore:UnavailableRetryAfter"] = "soon",
                ["Secretless:Regsitry:Type"] = "IotCore",
            },
            out _));

        Assert.Collection(
            failure.Problems.Order(StringComparer.Ordinal),
            p => Assert.StartsWith("SL2101: Secretless:Issuer:Type = 'Vault' is not a backend of this port; use Local or AcmPca or IotCore.", p, StringComparison.Ordinal),
            p => Assert.StartsWith("SL2102: Secretless:Directory:TabelName is not an option of this backend; valid options are ", p, StringComparison.Ordinal),
            p => Assert.Equal("SL2102: Secretless:Ledger:ConsistentRead is not an option: this backend takes none.", p),
            p => Assert.Equal("SL2104: Secretless:PayloadStore:UnavailableRetryAfter = 'soon' is not a valid duration (d.hh:mm:ss, e.g. 00:00:20).", p),
            p => Assert.StartsWith("SL2106: Secretless:Regsitry is not a Secretless section", p, StringComparison.Ordinal));
        Assert.Contains("TableName", failure.Problems.Single(p => p.Contains("TabelName", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretlessBackends_BackendRuleBroken_BackendMessageNamesTheSection()
    {
        var failure = Assert.Throws<BackendConfigurationException>(() => Build(
            new()
            {
                ["Secretless:Issuer:Type"] = "AcmPca",
                ["Secretless:Issuer:CertificateAuthorityArn"] = "not-an-arn",
            },
            out _));

        var problem = Assert.Single(failure.Problems);
        Assert.StartsWith("Secretless:Issuer: SL420", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Secretless:Registry:EndpointPort", "eighty", "whole number")]
    [InlineData("Secretless:Registry:RegistrationMode", "Sometimes", "WithCa, WithoutCa")]
    [InlineData("Secretless:Registry:RegistrationMode", "1", "WithCa, WithoutCa")]
    public void AddSecretlessBackends_ValueDoesNotConvert_NamesKeyAndExpectedKind(string key, string value, string expected)
    {
        var failure = Assert.Throws<BackendConfigurationException>(() => Build(
            new() { ["Secretless:Registry:Type"] = "IotCore", [key] = value },
            out _));

        var problem = Assert.Single(failure.Problems);
        Assert.StartsWith($"SL2104: {key} = '{value}'", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private ServiceProvider Build(Dictionary<string, string?> settings, out BackendSelection selection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        selection = services.AddSecretlessBackends(configuration, new SecretlessDataDirectory(_temp.File("data")));
        return services.BuildServiceProvider();
    }
}
