namespace Secretless.Cli.Fleet;

/// <summary>What <c>fleet simulate --run</c> was asked to do (validated by the command).</summary>
internal sealed record FleetRunSettings(
    int Count,
    int Concurrency,
    Uri? Server,
    TimeSpan? Duration,
    TimeSpan Heartbeat,
    double RenewAt,
    TimeSpan ReplicationWait,
    string? Endpoint);
