using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless things …</c>: the registry's things (one per provisioned device) and their certificates.</summary>
internal static class ThingsCommands
{
    public static Command Create(CliContext context)
    {
        var things = new Command("things", "Things in the local IoT registry: one per provisioned device, named after it, holding its certificates.");
        things.Subcommands.Add(CreateList(context));
        things.Subcommands.Add(CreateShow(context));
        return things;
    }

    private static Command CreateList(CliContext context)
    {
        var limit = ListLimitOption.Create("things (ordered by name)");
        var json = CliContext.CreateJsonOption();
        var region = RegionOption.Create();
        var list = new Command("list", "List things with the number of certificates attached to each.") { limit, region, json };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = RegionOption.OpenRegistry(context, parseResult, region);
            var things = await registry.ListThingsAsync(null, parseResult.GetValue(limit), cancellationToken);
            var reports = things.Select(t => new ThingSummaryReport(t.Name, t.CreatedAt, t.PrincipalCount)).ToList();
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new ThingListReport(reports), CliJsonContext.Default.ThingListReport);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Thing", "Certificates", "Created (UTC)");
            foreach (var thing in reports)
            {
                table.AddRow(Markup.Escape(thing.Name), thing.CertificateCount.ToString(System.Globalization.CultureInfo.InvariantCulture), thing.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{reports.Count} thing(s) shown.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateShow(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Thing name (the device id)." };
        var json = CliContext.CreateJsonOption();
        var region = RegionOption.Create();
        var show = new Command("show", "Show a thing and its certificates with their statuses.") { name, region, json };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            var thingName = parseResult.GetRequiredValue(name);
            var registry = RegionOption.OpenRegistry(context, parseResult, region);
            var thing = await registry.GetThingAsync(thingName, cancellationToken)
                ?? throw new CliException(ExitCodes.NotFound, $"thing '{thingName}' is not registered (a thing appears when its device is provisioned).");
            var report = RegistryReports.Thing(thing, await registry.ListThingCertificatesAsync(thingName, cancellationToken));
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.ThingReport);
                return ExitCodes.Ok;
            }

            // Plain lines, not a table: a 64-character id must stay whole for copy and paste.
            context.Out.WriteLine($"thing:    {report.Name}");
            context.Out.WriteLine($"created:  {report.CreatedAt.UtcDateTime:u}");
            context.Out.WriteLine($"certificates ({thing.Principals.Count}):");
            foreach (var certificate in report.Certificates)
            {
                context.Out.WriteLine($"  {certificate.CertificateId}  {certificate.Status,-8}  registered {(certificate.RegisteredAt ?? certificate.AttachedAt).UtcDateTime:u}");
            }

            return ExitCodes.Ok;
        });
        return show;
    }
}
