using System.Globalization;
using Secretless.Cli.Infrastructure;
using Spectre.Console;

namespace Secretless.Cli.Fleet;

/// <summary>The human summary of <c>fleet simulate</c>.</summary>
internal static class FleetReportPrinter
{
    public static void Print(CliContext context, FleetReport report)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("server", report.Server);
        Row("devices", Format(report.Count));
        Row("provisioned", Format(report.Provisioned));
        Row("failed", Format(report.Failed));
        Row("retries", Format(report.Retries));
        Row("delivered by URL", Format(report.DeliveredByUrl));
        Row("duplicates", report.DuplicatesChecked ? Format(report.Duplicates) : "not checked (no local registry)");
        Row("orphan ACTIVE certificates", report.DuplicatesChecked ? Format(report.Orphans) : "not checked");
        if (report.MqttPublished is { } published)
        {
            Row("MQTT published", Format(published));
        }

        Row("proxy faults", Format(report.ProxyFaults));
        Row("latency p50 / p95 / p99", string.Create(CultureInfo.InvariantCulture, $"{report.P50Milliseconds} / {report.P95Milliseconds} / {report.P99Milliseconds} ms"));
        Row("throughput", string.Create(CultureInfo.InvariantCulture, $"{report.DevicesPerSecond} devices/s over {report.ElapsedSeconds} s"));
        context.Console.Write(table);
        foreach (var failure in report.Failures.Take(10))
        {
            context.Error.WriteLine($"failed: {failure}");
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
