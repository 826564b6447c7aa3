using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Server.Metrics;

namespace Secretless.Server.Tests;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Write_ObservationsInSeveralBuckets_BucketsAreCumulativeAndSumIsExact()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ProvisioningMetrics(services.GetRequiredService<IMeterFactory>());
        metrics.RecordProvisioning("issued", TimeSpan.FromMilliseconds(0.5));
        metrics.RecordProvisioning("issued", TimeSpan.FromMilliseconds(3));
        metrics.RecordProvisioning("public-key-mismatch", TimeSpan.FromSeconds(20));

        var lines = PrometheusTextWriter.Write(metrics).Split('\n');

        Assert.Contains("secretless_provisioning_requests_total{outcome=\"issued\"} 2", lines);
        Assert.Contains("secretless_provisioning_requests_total{outcome=\"public-key-mismatch\"} 1", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_bucket{le=\"0.001\"} 1", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_bucket{le=\"0.005\"} 2", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_bucket{le=\"10\"} 2", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_bucket{le=\"+Inf\"} 3", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_sum 20.0035", lines);
        Assert.Contains("secretless_provisioning_duration_seconds_count 3", lines);
    }

    [Fact]
    public void RecordProvisioning_Observed_IsPublishedOnTheSecretlessMeter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ProvisioningMetrics(services.GetRequiredService<IMeterFactory>());
        var observed = new List<(long Value, object? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProvisioningMetrics.MeterName && instrument.Name == "secretless.provisioning.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => observed.Add((value, tags[0].Value)));
        listener.Start();

        metrics.RecordProvisioning("issued", TimeSpan.FromMilliseconds(1));

        Assert.Equal([(1L, (object?)"issued")], observed);
    }
}
