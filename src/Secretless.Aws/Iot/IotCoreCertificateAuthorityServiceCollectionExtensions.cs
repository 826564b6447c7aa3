using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Http;
using Secretless.Core.Issuance;

namespace Secretless.Aws.Iot;

/// <summary>Selects AWS IoT Core (CreateCertificateFromCsr) as the <see cref="ICertificateAuthority"/> backend.</summary>
public static class IotCoreCertificateAuthorityServiceCollectionExtensions
{
    /// <summary>Key of the CA's own IoT transport, separate from the registry's (they may differ in region or endpoint).</summary>
    public const string ClientServiceKey = "Secretless.Issuer.IotCore";

    /// <summary>
    /// Registers <see cref="IotCoreCertificateAuthority"/> as the only <see cref="ICertificateAuthority"/>,
    /// replacing any earlier one. Options are validated here: an <see cref="ArgumentException"/> lists every SL43xx problem.
    /// </summary>
    public static IServiceCollection UseIotCoreCertificateAuthority(this IServiceCollection services, Action<IotCoreCertificateAuthorityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new IotCoreCertificateAuthorityOptions();
        configure(options);
        options.ThrowIfInvalid();

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IotCoreCertificateAuthorityOptions>();
        services.AddSingleton(options);
        services.RemoveAllKeyed<AwsServiceClient>(ClientServiceKey);
        services.AddKeyedSingleton(ClientServiceKey, (sp, _) => IotCoreClientFactory.Create(
            options.Region, options.ServiceUrl, options.Credentials, options.MaxAttempts,
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AwsServiceClient>>()));
        services.RemoveAll<ICertificateAuthority>();
        services.AddSingleton<ICertificateAuthority>(sp => new IotCoreCertificateAuthority(
            new IotClient(sp.GetRequiredKeyedService<AwsServiceClient>(ClientServiceKey)),
            options,
            sp.GetService<ILogger<IotCoreCertificateAuthority>>() ?? NullLogger<IotCoreCertificateAuthority>.Instance));
        return services;
    }
}
