using Microsoft.Extensions.Logging;
using Secretless.Local;

namespace Secretless.Cli.Infrastructure;

/// <summary>How <see cref="EmbeddedServer"/> runs. An empty <see cref="Urls"/> means the server's default.</summary>
internal sealed record EmbeddedServerSettings(
    SecretlessDataDirectory DataDirectory,
    IReadOnlyList<string> Urls,
    string MqttEndpoint,
    TimeSpan Validity,
    Action<ILoggingBuilder>? ConfigureLogging);
