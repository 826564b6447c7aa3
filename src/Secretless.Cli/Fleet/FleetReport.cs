namespace Secretless.Cli.Fleet;

/// <summary>The summary of <c>fleet simulate</c> (also its <c>--json</c>). Latencies in milliseconds.</summary>
internal sealed record FleetReport(
    string Server,
    int Count,
    int Concurrency,
    double DropRate,
    string Delivery,
    int Provisioned,
    int Failed,
    int Retries,
    int DeliveredByUrl,
    int Duplicates,
    int Orphans,
    bool DuplicatesChecked,
    int? MqttPublished,
    int ProxyFaults,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    double DevicesPerSecond,
    double ElapsedSeconds,
    IReadOnlyList<string> Failures);
