using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core;
using Secretless.Core.Provisioning;
using Secretless.Local;

namespace Secretless.Backends;

/// <summary>
/// Chooses every port's backend from configuration (<c>Secretless:&lt;Port&gt;:Type</c> plus that
/// backend's options under <c>Secretless:&lt;Port&gt;:&lt;Option&gt;</c>), with a plain switch per port:
/// no reflection plugins, so hosts stay trimming- and AOT-friendly. Absent sections mean the
/// embedded backends. Every problem is collected and reported at once, before anything starts.
/// </summary>
public static class SecretlessBackendsServiceCollectionExtensions
{
    public const string SectionName = "Secretless";

    /// <summary>
    /// Registers the core (options from <c>Secretless:Provisioning</c>, then <paramref name="overrideProvisioning"/>)
    /// and one backend per port. Throws <see cref="BackendConfigurationException"/> listing every problem.
    /// </summary>
    public static BackendSelection AddSecretlessBackends(
        this IServiceCollection services,
        IConfiguration configuration,
        SecretlessDataDirectory dataDirectory,
        Action<ProvisioningOptions>? overrideProvisioning = null,
        Action<LocalStackOptions>? configureLocal = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var root = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ReportUnknownSections(root, problems);

        var provisioning = ProvisioningSectionBinder.Bind(root.GetSection("Provisioning"), problems);
        overrideProvisioning?.Invoke(provisioning);

        var backends = new BackendRegistrar(services, dataDirectory, configureLocal, problems);
        var directory = backends.Directory(root.GetSection(nameof(BackendPort.Directory)));
        var ledger = backends.Ledger(root.GetSection(nameof(BackendPort.Ledger)));
        var issuer = backends.Issuer(root.GetSection(nameof(BackendPort.Issuer)));
        var registry = backends.Registry(root.GetSection(nameof(BackendPort.Registry)), issuer);
        var selection = new BackendSelection(directory, ledger, issuer, registry, backends.PayloadStore(root.GetSection(nameof(BackendPort.PayloadStore))));

        if (problems.Count > 0)
        {
            throw new BackendConfigurationException(problems);
        }

        try
        {
            services.AddSecretlessCore(options =>
            {
                options.Validity = provisioning.Validity;
                options.NotBeforeBackdate = provisioning.NotBeforeBackdate;
                options.PolicyName = provisioning.PolicyName;
                options.PolicyDocument = provisioning.PolicyDocument;
                options.RotationGracePeriod = provisioning.RotationGracePeriod;
                options.RegisteredKeyCacheCapacity = provisioning.RegisteredKeyCacheCapacity;
            });
        }
        catch (ArgumentException invalid)
        {
            throw new BackendConfigurationException([$"SL2105: {SectionName}:Provisioning: {invalid.Message}"]);
        }

        return selection;
    }

    /// <summary>
    /// Registers only the device directory chosen by <c>Secretless:Directory</c> (for admin tools such
    /// as <c>devices import</c>, which need no CA or registry); returns its type.
    /// </summary>
    public static string AddSecretlessDeviceDirectory(this IServiceCollection services, IConfiguration configuration, SecretlessDataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var problems = new List<string>();
        var type = new BackendRegistrar(services, dataDirectory, configureLocal: null, problems)
            .Directory(configuration.GetSection(SectionName).GetSection(nameof(BackendPort.Directory)));
        return problems.Count > 0 ? throw new BackendConfigurationException(problems) : type;
    }

    private static void ReportUnknownSections(IConfigurationSection root, List<string> problems)
    {
        var known = Enum.GetNames<BackendPort>().Append("Provisioning").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in root.GetChildren().Where(child => !known.Contains(child.Key)))
        {
            problems.Add($"SL2106: {child.Path} is not a Secretless section; use {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }
    }
}
