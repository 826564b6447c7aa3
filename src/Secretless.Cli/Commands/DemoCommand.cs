using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Local;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless demo</c>: the full flow in one command, with the two refusals a device can meet.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliContext.CreateJsonOption();
        var demo = new Command(
            "demo",
            "Start the embedded stack on a free loopback port (temporary data directory unless --data is given), manufacture 3 devices, import and provision them over HTTPS, connect one to the MQTT endpoint and publish a message, then show an unknown device (404) and a wrong key (403). Exit 0 when everything behaved as expected.")
        {
            json,
        };
        demo.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(context.DataOption);
            var root = given?.FullName ?? Path.Combine(Path.GetTempPath(), $"secretless-demo-{Guid.NewGuid():N}");
            DemoReport report;
            try
            {
                report = await new DemoRunner(context, new SecretlessDataDirectory(root), reusedDataDirectory: given is not null).RunAsync(cancellationToken);
            }
            finally
            {
                if (given is null)
                {
                    TryDelete(root);
                }
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.DemoReport);
            }
            else
            {
                Render(context, report);
            }

            return report.AllAsExpected ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return demo;
    }

    private static void Render(CliContext context, DemoReport report)
    {
        var table = new Table().Title("Secretless demo").AddColumns("Step", "Device", "Expected", "Actual", "", "Detail");
        foreach (var step in report.Steps)
        {
            table.AddRow(
                Markup.Escape(step.Step),
                Markup.Escape(step.DeviceId),
                Markup.Escape(step.Expected),
                Markup.Escape(step.Actual),
                step.AsExpected ? "[green]ok[/]" : "[red]UNEXPECTED[/]",
                Markup.Escape(step.Detail));
        }

        context.Console.Write(table);
        context.Console.MarkupLine(report.AllAsExpected
            ? $"[green]All {report.Steps.Count} steps behaved as expected.[/]"
            : "[red]Some steps did not behave as expected.[/]");
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the demo's result matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
