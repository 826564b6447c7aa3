namespace Secretless.Cli.Output;

/// <summary><c>serve --json</c> start-up line: where it listens and what devices must trust.</summary>
public sealed record ServeReport(
    IReadOnlyList<string> Urls,
    string DataDirectory,
    string ChainPemPath,
    string MqttEndpoint);
