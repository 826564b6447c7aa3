namespace Secretless.Cli.Fleet;

/// <summary>What <c>fleet simulate</c> was asked to do (validated by the command).</summary>
internal sealed record FleetSimulationSettings(
    int Count,
    int Concurrency,
    double DropRate,
    bool UrlDelivery,
    bool Mqtt,
    Uri? Server,
    int Seed,
    TimeSpan DeviceDeadline);
