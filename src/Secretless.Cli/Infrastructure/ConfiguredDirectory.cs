using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Core.Devices;
using Secretless.Local;
using Secretless.Backends;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The device directory the admin commands work on: SQLite in the data directory by default, or
/// what <c>Secretless:Directory</c> chooses (e.g. the DynamoDB table a Lambda deployment reads).
/// </summary>
internal sealed class ConfiguredDirectory : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConfiguredDirectory(ServiceProvider services, string type)
    {
        _services = services;
        Type = type;
        Directory = services.GetRequiredService<IDeviceDirectory>();
    }

    public IDeviceDirectory Directory { get; }

    /// <summary>The backend type, e.g. <c>Sqlite</c> or <c>DynamoDb</c>.</summary>
    public string Type { get; }

    public static ConfiguredDirectory Open(CliContext context, System.CommandLine.ParseResult parseResult)
    {
        var configuration = context.LoadConfiguration(parseResult);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        services.AddSingleton(context.Time);
        var type = services.AddSecretlessDeviceDirectory(configuration, new SecretlessDataDirectory(context.ResolveDataRoot(parseResult)));
        return new ConfiguredDirectory(services.BuildServiceProvider(), type);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
