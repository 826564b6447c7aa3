using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Delivery;
using Secretless.Aws.DynamoDb;
using Secretless.Aws.Iot;
using Secretless.Local;

namespace Secretless.Backends;

/// <summary>
/// The switch: one method per port maps <c>Type</c> to that backend's <c>Use…()</c> and binds the
/// rest of the section onto its options. Problems are collected, never thrown one at a time.
/// </summary>
internal sealed class BackendRegistrar
{
    private readonly IServiceCollection _services;
    private readonly SecretlessDataDirectory _data;
    private readonly Action<LocalStackOptions>? _configureLocal;
    private readonly List<string> _problems;

    public BackendRegistrar(IServiceCollection services, SecretlessDataDirectory data, Action<LocalStackOptions>? configureLocal, List<string> problems)
    {
        _services = services;
        _data = data;
        _configureLocal = configureLocal;
        _problems = problems;
    }

    public string Directory(IConfigurationSection section)
    {
        switch (TypeOf(section, BackendSelection.Sqlite, BackendSelection.Sqlite, BackendSelection.DynamoDb))
        {
            case BackendSelection.Sqlite:
                NoOptions(section);
                _services.UseLocalDeviceDirectory(_data);
                return BackendSelection.Sqlite;
            case BackendSelection.DynamoDb:
                Use(section, options => _services.UseDynamoDbDeviceDirectory(options), new DynamoDbDeviceDirectoryOptions());
                return BackendSelection.DynamoDb;
            default:
                return BackendSelection.Sqlite;
        }
    }

    public string Ledger(IConfigurationSection section)
    {
        switch (TypeOf(section, BackendSelection.Sqlite, BackendSelection.Sqlite, BackendSelection.DynamoDb))
        {
            case BackendSelection.Sqlite:
                NoOptions(section);
                _services.UseLocalIssuanceLedger(_data);
                return BackendSelection.Sqlite;
            case BackendSelection.DynamoDb:
                Use(section, options => _services.UseDynamoDbIssuanceLedger(options), new DynamoDbIssuanceLedgerOptions());
                return BackendSelection.DynamoDb;
            default:
                return BackendSelection.Sqlite;
        }
    }

    public string Issuer(IConfigurationSection section)
    {
        switch (TypeOf(section, BackendSelection.Local, BackendSelection.Local, BackendSelection.AcmPca, BackendSelection.IotCore))
        {
            case BackendSelection.Local:
                NoOptions(section);
                _services.UseLocalCertificateAuthority(_data, _configureLocal);
                return BackendSelection.Local;
            case BackendSelection.AcmPca:
                Use(section, options => _services.UseAcmPcaCertificateAuthority(options), new AcmPcaCertificateAuthorityOptions());
                return BackendSelection.AcmPca;
            case BackendSelection.IotCore:
                Use(section, options => _services.UseIotCoreCertificateAuthority(options), new IotCoreCertificateAuthorityOptions());
                return BackendSelection.IotCore;
            default:
                return BackendSelection.Local;
        }
    }

    /// <param name="issuer">The issuer's type: certificates AWS IoT Core issued itself chain to Amazon's CA,
    /// which is not registered in the account, so they are registered without a CA.</param>
    public string Registry(IConfigurationSection section, string issuer)
    {
        switch (TypeOf(section, BackendSelection.Local, BackendSelection.Local, BackendSelection.IotCore))
        {
            case BackendSelection.Local:
                var local = new LocalRegistrySettings();
                ConfigurationSectionBinder.Bind(section, local, _problems);
                // Configuration first, then the host's code (e.g. an explicit serve --mqtt-endpoint) wins.
                _services.UseLocalThingRegistry(_data, options =>
                {
                    options.MqttEndpoint = local.MqttEndpoint ?? options.MqttEndpoint;
                    _configureLocal?.Invoke(options);
                });
                return BackendSelection.Local;
            case BackendSelection.IotCore:
                var modeGiven = section[nameof(IotCoreThingRegistryOptions.RegistrationMode)] is not null;
                if (issuer == BackendSelection.IotCore && modeGiven
                    && Enum.TryParse<IotCertificateRegistrationMode>(section[nameof(IotCoreThingRegistryOptions.RegistrationMode)], ignoreCase: true, out var mode)
                    && mode == IotCertificateRegistrationMode.WithCa)
                {
                    _problems.Add($"SL2107: {section.Path}:RegistrationMode = WithCa cannot register certificates AWS IoT Core issued itself (Secretless:Issuer:Type = IotCore): Amazon's CA is not registered in the account. Use WithoutCa, or leave it out.");
                    return BackendSelection.IotCore;
                }

                Use(
                    section,
                    options => _services.UseIotCoreThingRegistry(options),
                    new IotCoreThingRegistryOptions(),
                    options =>
                    {
                        if (issuer == BackendSelection.IotCore && !modeGiven)
                        {
                            options.RegistrationMode = IotCertificateRegistrationMode.WithoutCa;
                        }
                    });
                return BackendSelection.IotCore;
            default:
                return BackendSelection.Local;
        }
    }

    public string PayloadStore(IConfigurationSection section)
    {
        switch (TypeOf(section, BackendSelection.Local, BackendSelection.Local, BackendSelection.S3))
        {
            case BackendSelection.Local:
                NoOptions(section);
                _services.UseLocalPayloadStore(_data);
                return BackendSelection.Local;
            case BackendSelection.S3:
                Use(section, options => _services.UseS3PayloadStore(options), new S3PayloadStoreOptions());
                return BackendSelection.S3;
            default:
                return BackendSelection.Local;
        }
    }

    /// <summary>
    /// The canonical type name for the section's <c>Type</c> (case-insensitive; <c>Sqlite</c> and
    /// <c>Local</c> are aliases of the embedded backend), or null after recording a problem.
    /// </summary>
    private string? TypeOf(IConfigurationSection section, string embedded, params string[] allowed)
    {
        var given = section[ConfigurationSectionBinder.TypeKey];
        if (string.IsNullOrWhiteSpace(given))
        {
            // No Type: the embedded backend, unless options were given that it cannot take.
            return embedded;
        }

        if (given.Equals(BackendSelection.Sqlite, StringComparison.OrdinalIgnoreCase) || given.Equals(BackendSelection.Local, StringComparison.OrdinalIgnoreCase))
        {
            return embedded;
        }

        var match = allowed.FirstOrDefault(type => type.Equals(given, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            _problems.Add($"SL2101: {section.Path}:{ConfigurationSectionBinder.TypeKey} = '{given}' is not a backend of this port; use {string.Join(" or ", allowed)}.");
        }

        return match;
    }

    private void NoOptions(IConfigurationSection section)
        => ConfigurationSectionBinder.Bind(section, new NoSettings(), _problems);

    /// <summary>Binds the section, then lets the backend's <c>Use…()</c> validate (it throws every SLxxxx problem at once).</summary>
    private void Use<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(IConfigurationSection section, Action<Action<TOptions>> use, TOptions prototype, Action<TOptions>? adjust = null)
        where TOptions : class
    {
        var before = _problems.Count;
        ConfigurationSectionBinder.Bind(section, prototype, _problems);
        if (_problems.Count > before)
        {
            return;
        }

        try
        {
            use(options =>
            {
                ConfigurationSectionBinder.Bind(section, options, new List<string>());
                adjust?.Invoke(options);
            });
        }
        catch (ArgumentException invalid)
        {
            foreach (var line in invalid.Message.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
            {
                _problems.Add($"{section.Path}: {StripParameterName(line)}");
            }
        }
    }

    // ArgumentException appends " (Parameter 'x')" to its message; configuration users never see parameters.
    private static string StripParameterName(string line)
    {
        var index = line.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return index > 0 ? line[..index] : line;
    }
}
