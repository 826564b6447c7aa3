using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Devices;
using Secretless.Core.Manifest;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary>
/// <c>devices import &lt;file&gt;</c>: reads the whole manifest first and stores it in one
/// transaction, so a manifest with any bad line or conflict imports nothing.
/// </summary>
internal static class DevicesImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "Manifest: CSV 'device-id,public-key' (header optional) or JSON Lines {\"deviceId\":…,\"publicKey\":…}. Keys: PEM, base64 of PEM, or base64 of SPKI DER.",
        };
        var replace = new Option<bool>("--replace") { Description = "Replace the key of devices already registered with a different key (otherwise that is a conflict)." };
        var json = CliContext.CreateJsonOption();
        var import = new Command("import", "Import devices from a manifest, all or nothing.") { file, replace, json };
        import.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult,
            parseResult.GetRequiredValue(file),
            parseResult.GetValue(replace),
            parseResult.GetValue(json),
            cancellationToken));
        return import;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, FileInfo file, bool replace, bool json, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.Failure, $"manifest {file.FullName} does not exist.");
        }

        var totalLines = await CountLinesAsync(file, cancellationToken);
        ManifestReadResult manifest = null!;
        DeviceImportResult? stored = null;
        await using var configured = ConfiguredDirectory.Open(context, parseResult);

        await context.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var reading = progress.AddTask("Reading manifest", maxValue: Math.Max(1, totalLines));
                using (var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true))
                {
                    manifest = await ManifestReader.ReadAsync(reader, new ProgressTaskReporter(reading), cancellationToken);
                }

                reading.Value = reading.MaxValue;
                if (manifest.Errors.Count > 0 || manifest.Entries.Count == 0)
                {
                    return;
                }

                var storing = progress.AddTask("Storing devices", maxValue: manifest.Entries.Count);
                stored = await configured.Directory.ImportAsync(manifest.Entries, replace, new ProgressTaskReporter(storing), cancellationToken);
                storing.Value = storing.MaxValue;
            });

        var problems = new List<ImportLineProblem>();
        problems.AddRange(manifest.Errors.Select(error => new ImportLineProblem(error.LineNumber, "invalid-line", error.Message)));
        if (stored is not null)
        {
            problems.AddRange(stored.Conflicts.Select(conflict => new ImportLineProblem(
                conflict.LineNumber,
                "key-conflict",
                $"device '{conflict.DeviceId}' is already registered with a different key (use --replace to replace it)")));
        }

        var committed = problems.Count == 0 && stored is { Committed: true };
        var report = new ImportReport(
            file.FullName,
            manifest.Entries.Count,
            committed,
            committed ? stored!.Inserted : 0,
            committed ? stored!.Unchanged : 0,
            committed ? stored!.Replaced : 0,
            problems);

        if (json)
        {
            context.WriteJson(report, CliJsonContext.Default.ImportReport);
        }
        else
        {
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"{file.Name}: line {problem.LineNumber}: {problem.Message}");
            }
        }

        if (problems.Count > 0)
        {
            var what = manifest.Errors.Count > 0 ? "bad line(s)" : "conflict(s)";
            throw new CliException(ExitCodes.ImportRejected, $"import rejected: {problems.Count} {what}; nothing was imported.");
        }

        if (!json)
        {
            context.Console.MarkupLine(committed
                ? $"[green]Imported {report.Entries} device(s)[/]: {report.Inserted} new, {report.Unchanged} unchanged, {report.Replaced} replaced."
                : "The manifest has no devices; nothing to import.");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> CountLinesAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var count = 0;
        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            count++;
        }

        return count;
    }
}
