using System.Globalization;
using System.Text;

namespace Secretless.Server.Metrics;

/// <summary>Writes <see cref="ProvisioningMetrics"/> in the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(ProvisioningMetrics metrics)
    {
        var text = new StringBuilder(1024);
        text.Append("# HELP secretless_provisioning_requests_total Provisioning requests (POST /new) by outcome: issued, replayed, error or the problem code.\n");
        text.Append("# TYPE secretless_provisioning_requests_total counter\n");
        foreach (var (outcome, requests) in metrics.RequestsByOutcome())
        {
            text.Append("secretless_provisioning_requests_total{outcome=\"").Append(EscapeLabel(outcome)).Append("\"} ")
                .Append(requests.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var (cumulative, sum, count) = metrics.DurationSnapshot();
        text.Append("# HELP secretless_provisioning_duration_seconds Time to answer POST /new.\n");
        text.Append("# TYPE secretless_provisioning_duration_seconds histogram\n");
        for (var i = 0; i < DurationHistogram.UpperBounds.Length; i++)
        {
            AppendBucket(text, DurationHistogram.UpperBounds[i].ToString("R", CultureInfo.InvariantCulture), cumulative[i]);
        }

        AppendBucket(text, "+Inf", cumulative[^1]);
        text.Append("secretless_provisioning_duration_seconds_sum ").Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("secretless_provisioning_duration_seconds_count ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    private static void AppendBucket(StringBuilder text, string upperBound, long count) =>
        text.Append("secretless_provisioning_duration_seconds_bucket{le=\"").Append(upperBound).Append("\"} ")
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
