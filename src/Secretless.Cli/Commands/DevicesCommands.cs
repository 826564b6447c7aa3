using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Devices;
using Secretless.Local.Registry;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless devices …</c>: the device admin's view of the device directory.</summary>
internal static class DevicesCommands
{
    public static Command Create(CliContext context)
    {
        var devices = new Command("devices", "Manage registered devices (device id → public key, status).");
        devices.Subcommands.Add(DevicesImportCommand.Create(context));
        devices.Subcommands.Add(CreateList(context));
        devices.Subcommands.Add(CreateShow(context));
        devices.Subcommands.Add(CreateSetStatus(context, "disable", DeviceStatus.Disabled, "Refuse provisioning for a device (403 device-disabled)."));
        devices.Subcommands.Add(CreateSetStatus(context, "enable", DeviceStatus.Enabled, "Allow provisioning for a device again."));
        return devices;
    }

    private static Command CreateList(CliContext context)
    {
        var limit = new Option<int>("--limit")
        {
            Description = "Print at most N devices (ordered by id).",
            DefaultValueFactory = _ => 1000,
            HelpName = "N",
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        var json = CliContext.CreateJsonOption();
        var list = new Command("list", "List registered devices.") { limit, json };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var configured = ConfiguredDirectory.Open(context, parseResult);
            var directory = configured.Directory;
            var total = await directory.CountAsync(cancellationToken);
            var devices = await directory.ListAsync(null, parseResult.GetValue(limit), cancellationToken);
            var reports = devices.Select(device => DeviceReports.From(device, includePem: false)).ToList();

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new DeviceListReport(total, reports), CliJsonContext.Default.DeviceListReport);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Device id", "Key", "Status", "Key SHA-256", "Updated (UTC)");
            foreach (var report in reports)
            {
                table.AddRow(
                    Markup.Escape(report.DeviceId),
                    report.KeyAlgorithm,
                    DeviceReports.StatusMarkup(report.Status),
                    report.PublicKeySha256[..16] + "…",
                    report.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{reports.Count} of {total} device(s) shown.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateShow(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Device id." };
        var json = CliContext.CreateJsonOption();
        var show = new Command("show", "Show one device with its registered public key.") { id, json };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            var deviceId = parseResult.GetRequiredValue(id);
            await using var configured = ConfiguredDirectory.Open(context, parseResult);
            var device = await configured.Directory.FindAsync(deviceId, cancellationToken)
                ?? throw new CliException(ExitCodes.NotFound, $"device '{deviceId}' is not registered.");
            // The certificates come from the embedded registry; with AWS IoT Core as registry, use the AWS console or CLI.
            var thing = await LocalBackends.Open(context.ResolveDataRoot(parseResult)).ThingRegistry.GetThingAsync(deviceId, cancellationToken);
            var report = DeviceReports.From(device, includePem: true, thing ?? new RegisteredThing(deviceId, device.CreatedAt, []));

            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.DeviceReport);
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Device id", Markup.Escape(report.DeviceId));
            grid.AddRow("Status", DeviceReports.StatusMarkup(report.Status));
            grid.AddRow("Key algorithm", report.KeyAlgorithm);
            grid.AddRow("Key SHA-256", report.PublicKeySha256);
            grid.AddRow("Created (UTC)", report.CreatedAt.UtcDateTime.ToString("u"));
            grid.AddRow("Updated (UTC)", report.UpdatedAt.UtcDateTime.ToString("u"));
            foreach (var certificate in report.Certificates ?? [])
            {
                grid.AddRow("Certificate", $"{certificate.CertificateId} ({certificate.Status})");
            }
            context.Console.Write(grid);
            context.Out.Write(report.PublicKeyPem);
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command CreateSetStatus(CliContext context, string name, DeviceStatus status, string description)
    {
        var id = new Argument<string>("id") { Description = "Device id." };
        var command = new Command(name, description) { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var deviceId = parseResult.GetRequiredValue(id);
            await using var configured = ConfiguredDirectory.Open(context, parseResult);
            if (!await configured.Directory.SetStatusAsync(deviceId, status, cancellationToken))
            {
                throw new CliException(ExitCodes.NotFound, $"device '{deviceId}' is not registered.");
            }

            context.Console.MarkupLine($"{Markup.Escape(deviceId)}: {DeviceReports.StatusMarkup(status.ToString().ToLowerInvariant())}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
