using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Secretless.Server.Metrics;

/// <summary>
/// Provisioning counters, published on the <c>Secretless</c> meter (for OpenTelemetry and
/// dotnet-counters) and kept here for the built-in Prometheus text at <c>GET /metrics</c>.
/// </summary>
public sealed class ProvisioningMetrics : IDisposable
{
    public const string MeterName = "Secretless";

    /// <summary>Outcome label for a certificate issued by this request.</summary>
    public const string IssuedOutcome = "issued";

    /// <summary>Outcome label for a repeated CSR answered from the ledger (no second issuance).</summary>
    public const string ReplayedOutcome = "replayed";

    /// <summary>Outcome label for a 202 with a pre-signed payload URL (latent delivery).</summary>
    public const string LatentOutcome = "latent";

    /// <summary>Outcome label for an unexpected failure (the empty 500).</summary>
    public const string ErrorOutcome = "error";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _requestsByOutcome = new(StringComparer.Ordinal);
    private readonly DurationHistogram _durationHistogram = new();

    public ProvisioningMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("secretless.provisioning.requests", "{request}", "Provisioning requests by outcome.");
        _duration = _meter.CreateHistogram<double>("secretless.provisioning.duration", "s", "Provisioning request duration.");
    }

    /// <summary>Records one <c>POST /new</c>: outcome is issued, replayed, a problem code, or error.</summary>
    public void RecordProvisioning(string outcome, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        var box = _requestsByOutcome.GetOrAdd(outcome, static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        _durationHistogram.Record(duration);

        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _requests.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>Requests per outcome, ordered by outcome.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RequestsByOutcome() =>
        _requestsByOutcome
            .Select(pair => KeyValuePair.Create(pair.Key, Interlocked.Read(ref pair.Value.Value)))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();

    internal (long[] CumulativeCounts, double SumSeconds, long Count) DurationSnapshot() => _durationHistogram.Snapshot();

    public void Dispose() => _meter.Dispose();
}
