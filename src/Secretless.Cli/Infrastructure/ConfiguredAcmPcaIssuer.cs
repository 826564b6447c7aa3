using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Http;
using Secretless.Aws.Iot;
using Secretless.Backends;
using Secretless.Local;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The ACM PCA issuer the configuration chooses (<c>Secretless:Issuer:Type = AcmPca</c>) and the AWS IoT
/// account it registers in, opened for <c>ca list|rotate|revoke</c>. The whole configuration is checked
/// the way <c>serve</c> checks it, so the commands act on exactly what a server would use.
/// </summary>
internal sealed class ConfiguredAcmPcaIssuer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AwsServiceClient? _ownIotTransport;

    private ConfiguredAcmPcaIssuer(ServiceProvider services, AcmPcaIssuerAdministration administration, AwsServiceClient? ownIotTransport, FileInfo? configFile)
    {
        _services = services;
        Administration = administration;
        _ownIotTransport = ownIotTransport;
        ConfigFile = configFile;
    }

    public AcmPcaIssuerAdministration Administration { get; }

    /// <summary>The <c>--config</c> file, which <c>ca rotate</c> switches to the new CA; null without one.</summary>
    public FileInfo? ConfigFile { get; }

    /// <summary>The AWS issuer, or null when the issuer is the embedded one (the local PKI's commands apply).</summary>
    public static ConfiguredAcmPcaIssuer? TryOpen(CliContext context, ParseResult parseResult)
    {
        var configuration = context.LoadConfiguration(parseResult);
        var issuerType = configuration[$"{SecretlessBackendsServiceCollectionExtensions.SectionName}:Issuer:Type"];
        if (!string.Equals(issuerType, BackendSelection.AcmPca, StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(issuerType, BackendSelection.IotCore, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException(ExitCodes.UsageError,
                    "Secretless:Issuer:Type = IotCore: AWS IoT Core signs with Amazon's CA, which cannot be rotated or revoked; 'ca' commands work with the embedded and AcmPca issuers.");
            }

            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddSingleton(context.Time);
        var selection = services.AddSecretlessBackends(configuration, new SecretlessDataDirectory(context.ResolveDataRoot(parseResult)));
        var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<AcmPcaCertificateAuthorityOptions>();
        var pca = new AcmPcaClient(provider.GetRequiredKeyedService<AwsServiceClient>(AcmPcaCertificateAuthorityServiceCollectionExtensions.ClientServiceKey));
        AwsServiceClient? ownIotTransport = null;
        var iotTransport = selection.Registry == BackendSelection.IotCore
            ? provider.GetRequiredKeyedService<AwsServiceClient>(IotCoreThingRegistryServiceCollectionExtensions.ClientServiceKey)
            : ownIotTransport = AcmPcaIssuerAdministration.CreateIotTransport(options, context.Time);
        var administration = new AcmPcaIssuerAdministration(
            pca, new IotClient(iotTransport), options.CertificateAuthorityArn, provider.GetService<ILogger<AcmPcaIssuerAdministration>>());
        return new ConfiguredAcmPcaIssuer(provider, administration, ownIotTransport, parseResult.GetValue(context.ConfigOption));
    }

    public async ValueTask DisposeAsync()
    {
        _ownIotTransport?.Dispose();
        await _services.DisposeAsync();
    }
}
