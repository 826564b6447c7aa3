using Secretless.Cli.Commands;
using Secretless.Cli.Infrastructure;
using Secretless.Local;

namespace Secretless.Cli.Fleet;

/// <summary>
/// The server a fleet provisions against: the one given with <c>--server</c> (its data directory is
/// the fleet's), or the embedded stack started in this process on free loopback ports.
/// </summary>
internal sealed class FleetTarget : IAsyncDisposable
{
    private readonly EmbeddedServer? _embedded;

    private FleetTarget(Uri server, string caChainPath, EmbeddedServer? embedded)
    {
        Server = server;
        CaChainPath = caChainPath;
        _embedded = embedded;
    }

    public Uri Server { get; }

    /// <summary>The PEM chain devices trust for HTTPS.</summary>
    public string CaChainPath { get; }

    public static async Task<FleetTarget> StartAsync(CliContext context, SecretlessDataDirectory dataDirectory, Uri? given, CancellationToken cancellationToken)
    {
        if (given is not null)
        {
            return new FleetTarget(given, Path.Combine(dataDirectory.PkiDirectory, "ca-chain.pem"), embedded: null);
        }

        PkiCommands.Initialize(context, dataDirectory);
        var embedded = await FreeLoopbackPort.StartEmbeddedServerAsync(
            mqttPort => new EmbeddedServerSettings(dataDirectory, ["https://127.0.0.1:0"], mqttPort, $"localhost:{mqttPort}", Validity: null, ConfigureLogging: null),
            cancellationToken);
        return new FleetTarget(new Uri(embedded.Addresses[0]), embedded.CaChainPath, embedded);
    }

    public ValueTask DisposeAsync() => _embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
