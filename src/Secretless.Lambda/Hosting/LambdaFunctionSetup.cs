using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Backends;
using Secretless.Core.Delivery;
using Secretless.Lambda.Authorizer;
using Secretless.Lambda.Issuer;
using Secretless.Lambda.Runtime;
using Secretless.Local;

namespace Secretless.Lambda.Hosting;

/// <summary>
/// Registers one function (chosen by <c>_HANDLER</c>) over the backends chosen by the
/// <c>Secretless__…</c> environment variables. Lambda keeps nothing on disk between cold starts and
/// runs many copies at once, so every port must be an AWS backend: the embedded ones are refused
/// at start-up, naming the key to set.
/// </summary>
public static class LambdaFunctionSetup
{
    public const string AuthorizerHandler = "authorizer";
    public const string IssuerHandler = "issuer";

    /// <summary>Lambda's only writable folder; the embedded backends are refused, so nothing is written here.</summary>
    public const string DataDirectory = "/tmp/secretless";

    /// <summary>Latent delivery settings (<c>Lambda__LatentDelivery__Mode</c>, <c>…__Deadline</c>, <c>…__UrlLifetime</c>).</summary>
    public const string LatentDeliverySection = "Lambda:LatentDelivery";

    private static readonly string[] AwsOnlyPorts = Enum.GetNames<BackendPort>();

    /// <summary>Registers the handler's services; throws <see cref="LambdaInitException"/> naming every problem.</summary>
    public static BackendSelection AddLambdaFunction(this IServiceCollection services, IConfiguration configuration, string? handler)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (handler is not (AuthorizerHandler or IssuerHandler))
        {
            throw new LambdaInitException(
                $"_HANDLER is '{handler}'; set it to '{AuthorizerHandler}' (the REQUEST authorizer) or '{IssuerHandler}' (the POST /new integration).");
        }

        BackendSelection selection;
        try
        {
            selection = services.AddSecretlessBackends(configuration, new SecretlessDataDirectory(DataDirectory));
        }
        catch (BackendConfigurationException invalid)
        {
            throw new LambdaInitException(string.Join(Environment.NewLine, invalid.Problems), invalid);
        }

        RefuseEmbeddedBackends(selection);
        if (handler == AuthorizerHandler)
        {
            services.AddSingleton<ILambdaHandler, DeviceAuthorizerHandler>();
        }
        else
        {
            var latent = ReadLatentDelivery(configuration.GetSection(LatentDeliverySection));
            services.AddSecretlessLatentDelivery(options =>
            {
                options.Mode = latent.Mode;
                options.Deadline = latent.Deadline;
                options.UrlLifetime = latent.UrlLifetime;
            });
            services.AddSingleton<ILambdaHandler, ProvisioningIssuerHandler>();
        }

        return selection;
    }

    private static void RefuseEmbeddedBackends(BackendSelection selection)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(BackendPort.Directory)] = selection.Directory,
            [nameof(BackendPort.Ledger)] = selection.Ledger,
            [nameof(BackendPort.Issuer)] = selection.Issuer,
            [nameof(BackendPort.Registry)] = selection.Registry,
            [nameof(BackendPort.PayloadStore)] = selection.PayloadStore,
        };
        var problems = AwsOnlyPorts
            .Where(port => chosen[port] is BackendSelection.Sqlite or BackendSelection.Local)
            .Select(port =>
                $"Secretless:{port}:Type is {chosen[port]} (also the default when unset), an embedded backend that keeps its state on the function's disk, which Lambda discards; " +
                $"set Secretless__{port}__Type to {AwsChoices(port)}.")
            .ToList();
        if (problems.Count > 0)
        {
            throw new LambdaInitException(string.Join(Environment.NewLine, problems));
        }
    }

    private static string AwsChoices(string port) => port switch
    {
        nameof(BackendPort.Directory) or nameof(BackendPort.Ledger) => BackendSelection.DynamoDb,
        nameof(BackendPort.Issuer) => $"{BackendSelection.AcmPca} or {BackendSelection.IotCore}",
        nameof(BackendPort.Registry) => BackendSelection.IotCore,
        _ => BackendSelection.S3,
    };

    private static LatentDeliveryOptions ReadLatentDelivery(IConfigurationSection section)
    {
        var options = new LatentDeliveryOptions();
        try
        {
            if (section[nameof(LatentDeliveryOptions.Mode)] is { } mode)
            {
                options.Mode = Enum.Parse<LatentDeliveryMode>(mode, ignoreCase: true);
            }

            if (section[nameof(LatentDeliveryOptions.Deadline)] is { } deadline)
            {
                options.Deadline = TimeSpan.Parse(deadline, CultureInfo.InvariantCulture);
            }

            if (section[nameof(LatentDeliveryOptions.UrlLifetime)] is { } lifetime)
            {
                options.UrlLifetime = TimeSpan.Parse(lifetime, CultureInfo.InvariantCulture);
            }

            options.Validate();
        }
        catch (Exception invalid) when (invalid is FormatException or OverflowException or ArgumentException)
        {
            throw new LambdaInitException($"{section.Path}: {invalid.Message} (Mode: Never, OnRequest or Always; Deadline and UrlLifetime as hh:mm:ss).", invalid);
        }

        return options;
    }
}
