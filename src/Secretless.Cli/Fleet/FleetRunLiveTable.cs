using System.Globalization;
using Secretless.Cli.Infrastructure;
using Secretless.Device.Runtime;
using Spectre.Console;

namespace Secretless.Cli.Fleet;

/// <summary>The human view of <c>fleet simulate --run</c>: a live table of device states on stderr, then the summary.</summary>
internal static class FleetRunLiveTable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    public static async Task ShowAsync(CliContext context, IReadOnlyList<DeviceRunner> runners, FleetRunTally tally, Task running)
    {
        if (!context.ErrorConsole.Profile.Capabilities.Interactive)
        {
            // Redirected stderr: a live display would print every refresh; the summary follows anyway.
            await running;
            return;
        }

        var table = Build(runners, tally);
        await context.ErrorConsole.Live(table).AutoClear(false).StartAsync(async live =>
        {
            while (!running.IsCompleted)
            {
                live.UpdateTarget(Build(runners, tally));
                live.Refresh();
                await Task.WhenAny(running, Task.Delay(RefreshInterval, context.Time));
            }

            live.UpdateTarget(Build(runners, tally));
            live.Refresh();
        });
        await running;
    }

    public static void PrintSummary(CliContext context, FleetRunSummary summary)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, int value) => table.AddRow(name, value.ToString(CultureInfo.InvariantCulture));
        Row("devices", summary.Devices);
        Row("connected at the end", summary.Connected);
        Row("provisionings", summary.Provisionings);
        Row("re-provisionings", summary.Reprovisionings);
        Row("refusals", summary.Refusals);
        Row("errors", summary.Errors);
        Row("heartbeats", summary.Heartbeats);
        Row("disconnections", summary.Disconnections);
        Row("stopped by a refusal", summary.StoppedByRefusal);
        context.Console.Write(table);
    }

    private static Table Build(IReadOnlyList<DeviceRunner> runners, FleetRunTally tally)
    {
        var states = runners.GroupBy(runner => runner.State).ToDictionary(group => group.Key, group => group.Count());
        int Count(DeviceRunnerState state) => states.GetValueOrDefault(state);
        var table = new Table().AddColumn("devices").AddColumn(new TableColumn("now").RightAligned());
        void Row(string name, int value) => table.AddRow(name, value.ToString(CultureInfo.InvariantCulture));
        Row("connected", Count(DeviceRunnerState.Connected));
        Row("connecting", Count(DeviceRunnerState.Connecting));
        Row("provisioning", Count(DeviceRunnerState.Provisioning) + Count(DeviceRunnerState.Starting));
        Row("waiting (backoff)", Count(DeviceRunnerState.Waiting));
        Row("provisionings so far", tally.Provisionings);
        Row("refusals so far", tally.Refusals);
        Row("errors so far", tally.Errors);
        Row("heartbeats so far", tally.Heartbeats);
        return table;
    }
}
