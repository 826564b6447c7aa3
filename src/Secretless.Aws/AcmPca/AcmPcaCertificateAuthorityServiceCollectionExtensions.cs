using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Http;
using Secretless.Core.Issuance;

namespace Secretless.Aws.AcmPca;

/// <summary>Selects AWS Private CA (ACM PCA) as the <see cref="ICertificateAuthority"/> backend.</summary>
public static class AcmPcaCertificateAuthorityServiceCollectionExtensions
{
    /// <summary>Key of the CA's own transport, so other AWS clients keep theirs.</summary>
    public const string ClientServiceKey = "Secretless.Issuer.AcmPca";

    /// <summary>
    /// Registers <see cref="AcmPcaCertificateAuthority"/> as the only <see cref="ICertificateAuthority"/>,
    /// replacing any earlier one. Options are validated here, at start-up: an <see cref="ArgumentException"/>
    /// lists every SL42xx problem.
    /// </summary>
    public static IServiceCollection UseAcmPcaCertificateAuthority(this IServiceCollection services, Action<AcmPcaCertificateAuthorityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AcmPcaCertificateAuthorityOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<AcmPcaCertificateAuthorityOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<AwsServiceClient>(ClientServiceKey);
        services.AddKeyedSingleton(ClientServiceKey, (sp, _) => CreateTransport(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<AwsServiceClient>()));
        services.RemoveAll<AcmPcaCertificateAuthority>();
        services.AddSingleton(sp => new AcmPcaCertificateAuthority(
            new AcmPcaClient(sp.GetRequiredKeyedService<AwsServiceClient>(ClientServiceKey)),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AcmPcaCertificateAuthority>>() ?? NullLogger<AcmPcaCertificateAuthority>.Instance));
        services.RemoveAll<ICertificateAuthority>();
        services.AddSingleton<ICertificateAuthority>(sp => sp.GetRequiredService<AcmPcaCertificateAuthority>());
        return services;
    }

    /// <summary>The signed, retrying transport to ACM PCA these options describe.</summary>
    public static AwsServiceClient CreateTransport(
        AcmPcaCertificateAuthorityOptions options,
        TimeProvider timeProvider,
        ILogger? logger = null,
        HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var region = AwsRegionResolver.Resolve(options.Region, options.ServiceUrl);
        return new AwsServiceClient(
            AcmPcaClient.EndpointFor(region, options.ServiceUrl),
            options.Credentials,
            new AwsRetryOptions { MaxAttempts = options.MaxAttempts },
            timeProvider,
            handler,
            logger);
    }
}
