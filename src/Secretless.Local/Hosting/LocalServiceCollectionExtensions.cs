using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core.Delivery;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;
using Secretless.Local.Delivery;
using Secretless.Local.Devices;
using Secretless.Local.Hosting;
using Secretless.Local.Issuance;
using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Local;

/// <summary>Wires the embedded backends: one <c>Use…()</c> per port, or all with <see cref="AddSecretlessLocal"/>.</summary>
public static class LocalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local backends (SQLite directory, ledger and registry; file CA; payload files) as
    /// singletons over <paramref name="dataDirectory"/>. Options are validated here, at start-up.
    /// </summary>
    public static IServiceCollection AddSecretlessLocal(
        this IServiceCollection services,
        SecretlessDataDirectory dataDirectory,
        Action<LocalStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        AddShared(services, dataDirectory, configure);
        return services
            .UseLocalDeviceDirectory(dataDirectory)
            .UseLocalIssuanceLedger(dataDirectory)
            .UseLocalThingRegistry(dataDirectory)
            .UseLocalCertificateAuthority(dataDirectory)
            .UseLocalPayloadStore(dataDirectory);
    }

    /// <summary>
    /// <see cref="IPayloadStore"/> = <see cref="LocalPayloadStore"/>: payload files under
    /// <c>&lt;data&gt;/payloads</c>, URLs signed with <c>&lt;data&gt;/url-signing.key</c> (created on first use).
    /// </summary>
    public static IServiceCollection UseLocalPayloadStore(this IServiceCollection services, SecretlessDataDirectory dataDirectory)
    {
        AddShared(services, dataDirectory, configure: null);
        services.TryAddSingleton<LocalPayloadStore>();
        services.Replace(ServiceDescriptor.Singleton<IPayloadStore>(sp => sp.GetRequiredService<LocalPayloadStore>()));
        return services;
    }

    /// <summary><see cref="IDeviceDirectory"/> = <see cref="SqliteDeviceDirectory"/>.</summary>
    public static IServiceCollection UseLocalDeviceDirectory(this IServiceCollection services, SecretlessDataDirectory dataDirectory)
    {
        AddShared(services, dataDirectory, configure: null);
        services.TryAddSingleton<SqliteDeviceDirectory>();
        services.Replace(ServiceDescriptor.Singleton<IDeviceDirectory>(sp => sp.GetRequiredService<SqliteDeviceDirectory>()));
        return services;
    }

    /// <summary><see cref="IIssuanceLedger"/> = <see cref="SqliteIssuanceLedger"/>.</summary>
    public static IServiceCollection UseLocalIssuanceLedger(this IServiceCollection services, SecretlessDataDirectory dataDirectory)
    {
        AddShared(services, dataDirectory, configure: null);
        services.TryAddSingleton<SqliteIssuanceLedger>();
        services.Replace(ServiceDescriptor.Singleton<IIssuanceLedger>(sp => sp.GetRequiredService<SqliteIssuanceLedger>()));
        return services;
    }

    /// <summary><see cref="IThingRegistry"/> = <see cref="SqliteThingRegistry"/> (endpoint from <see cref="LocalStackOptions.MqttEndpoint"/>).</summary>
    public static IServiceCollection UseLocalThingRegistry(
        this IServiceCollection services,
        SecretlessDataDirectory dataDirectory,
        Action<LocalStackOptions>? configure = null)
    {
        AddShared(services, dataDirectory, configure);
        services.TryAddSingleton<SqliteThingRegistry>();
        services.Replace(ServiceDescriptor.Singleton<IThingRegistry>(sp => sp.GetRequiredService<SqliteThingRegistry>()));
        return services;
    }

    /// <summary>
    /// <see cref="IThingRegistry"/> = a <see cref="SqliteThingRegistry"/> of one embedded region
    /// (<c>serve --regions</c>): its own file <c>&lt;data&gt;/regions/&lt;region&gt;.db</c>, replacing the
    /// main registry in this host, so the host's <c>/new</c> and its <see cref="Mqtt.LocalMqttBroker"/>
    /// (which resolves <see cref="SqliteThingRegistry"/>) use that region. Directory, ledger, PKI and
    /// payloads stay in the shared data directory.
    /// </summary>
    public static IServiceCollection UseLocalRegionThingRegistry(
        this IServiceCollection services,
        SecretlessDataDirectory dataDirectory,
        string region,
        Action<LocalStackOptions>? configure = null)
    {
        AddShared(services, dataDirectory, configure);
        var databasePath = dataDirectory.RegionDatabasePath(region); // validates the name now, not at first use

        // Keyed by region so the container owns (and disposes, stopping its writer) the region's file.
        services.TryAddKeyedSingleton(region, (sp, _) => SqliteDatabase.Open(
            databasePath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LocalStackOptions>().Durability));
        services.Replace(ServiceDescriptor.Singleton(sp => new SqliteThingRegistry(
            sp.GetRequiredKeyedService<SqliteDatabase>(region),
            sp.GetRequiredService<LocalStackOptions>(),
            sp.GetRequiredService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IThingRegistry>(sp => sp.GetRequiredService<SqliteThingRegistry>()));
        return services;
    }

    /// <summary>
    /// <see cref="ICertificateAuthority"/> = <see cref="LocalCertificateAuthority"/> over <see cref="LocalPki"/>,
    /// created on first use when <see cref="LocalStackOptions.CreatePkiIfMissing"/> is set.
    /// </summary>
    public static IServiceCollection UseLocalCertificateAuthority(
        this IServiceCollection services,
        SecretlessDataDirectory dataDirectory,
        Action<LocalStackOptions>? configure = null)
    {
        AddShared(services, dataDirectory, configure);
        AddLocalPki(services);
        services.TryAddSingleton<LocalCertificateAuthority>();
        services.Replace(ServiceDescriptor.Singleton<ICertificateAuthority>(sp => sp.GetRequiredService<LocalCertificateAuthority>()));
        return services;
    }

    /// <summary>The <see cref="LocalPki"/> singleton (created on first use when <see cref="LocalStackOptions.CreatePkiIfMissing"/> is set).</summary>
    internal static void AddLocalPki(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<LocalStackOptions>();
            var time = sp.GetRequiredService<TimeProvider>();
            var directory = sp.GetRequiredService<SecretlessDataDirectory>();
            return options.CreatePkiIfMissing ? LocalPki.Initialize(directory, time) : LocalPki.Open(directory, time);
        });

        // Follows `ca rotate|revoke` from other processes; CRLs for GET /crl (need the local registry).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalPkiWatcher>(sp => new LocalPkiWatcher(
            sp.GetRequiredService<LocalPki>(),
            sp.GetService<ILogger<LocalPkiWatcher>>() ?? NullLogger<LocalPkiWatcher>.Instance)));
        services.TryAddSingleton(sp => new LocalCrlPublisher(
            sp.GetRequiredService<LocalPki>(),
            sp.GetRequiredService<SqliteThingRegistry>(),
            sp.GetRequiredService<TimeProvider>()));
    }

    internal static void AddShared(IServiceCollection services, SecretlessDataDirectory dataDirectory, Action<LocalStackOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(dataDirectory);

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(LocalStackOptions))?.ImplementationInstance as LocalStackOptions;
        var options = existing ?? new LocalStackOptions();
        configure?.Invoke(options);
        options.Validate();
        if (existing is null)
        {
            services.AddSingleton(options);
        }

        services.TryAddSingleton(sp => SqliteDatabase.Open(
            sp.GetRequiredService<SecretlessDataDirectory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<LocalStackOptions>().Durability));
    }
}
