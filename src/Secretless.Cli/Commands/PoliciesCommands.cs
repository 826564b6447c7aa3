using System.CommandLine;
using System.Globalization;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Policies;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless policies …</c>: AWS IoT policy documents the MQTT endpoint enforces.</summary>
internal static class PoliciesCommands
{
    public static Command Create(CliContext context)
    {
        var policies = new Command(
            "policies",
            "AWS IoT policies in the local registry. Provisioning attaches the product-line policy 'secretless-default' to every certificate.");
        policies.Subcommands.Add(CreateList(context));
        policies.Subcommands.Add(CreateShow(context));
        policies.Subcommands.Add(CreatePut(context));
        return policies;
    }

    private static Command CreateList(CliContext context)
    {
        var json = CliContext.CreateJsonOption();
        var list = new Command("list", "List policies with their version and how many certificates they are attached to.") { json };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = LocalBackends.Open(context.ResolveDataRoot(parseResult)).ThingRegistry;
            var reports = (await registry.ListPoliciesAsync(cancellationToken))
                .Select(p => new PolicySummaryReport(p.Name, p.Version, p.AttachedCertificates, p.CreatedAt, p.UpdatedAt))
                .ToList();
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new PolicyListReport(reports), CliJsonContext.Default.PolicyListReport);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Policy", "Version", "Certificates", "Updated (UTC)");
            foreach (var policy in reports)
            {
                table.AddRow(
                    Markup.Escape(policy.Name),
                    policy.Version.ToString(CultureInfo.InvariantCulture),
                    policy.AttachedCertificates.ToString(CultureInfo.InvariantCulture),
                    policy.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{reports.Count} polic{(reports.Count == 1 ? "y" : "ies")}.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateShow(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Policy name, e.g. secretless-default." };
        var json = CliContext.CreateJsonOption();
        var show = new Command("show", "Print a policy's document (stdout: the JSON document only, ready for 'policies put').") { name, json };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            var policyName = parseResult.GetRequiredValue(name);
            var registry = LocalBackends.Open(context.ResolveDataRoot(parseResult)).ThingRegistry;
            var policy = await registry.GetPolicyAsync(policyName, cancellationToken)
                ?? throw new CliException(ExitCodes.NotFound, $"policy '{policyName}' does not exist.");
            if (parseResult.GetValue(json))
            {
                context.WriteJson(RegistryReports.Policy(policy, null), CliJsonContext.Default.PolicyReport);
                return ExitCodes.Ok;
            }

            context.Error.WriteLine($"policy {policy.Name}, version {policy.Version}, updated {policy.UpdatedAt.UtcDateTime:u}");
            context.Out.WriteLine(policy.Document.TrimEnd());
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command CreatePut(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Policy name: 1–128 characters of letters, digits and _+=,.@-." };
        var file = new Argument<FileInfo>("file") { Description = "The AWS IoT policy document (JSON: Version, Statement[Effect, Action, Resource])." };
        var json = CliContext.CreateJsonOption();
        var put = new Command(
            "put",
            "Create a policy or replace its document (the version grows when the document changes). The document is checked first; a bad one changes nothing.")
        {
            name, file, json,
        };
        put.SetAction(async (parseResult, cancellationToken) =>
        {
            var policyName = parseResult.GetRequiredValue(name);
            var path = parseResult.GetRequiredValue(file).FullName;
            string document;
            try
            {
                document = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"cannot read {path}: {exception.Message}");
            }

            if (!IotPolicyDocument.TryParse(document, out _, out var error))
            {
                throw new CliException(ExitCodes.Failure, $"{path} is not a valid AWS IoT policy document: {error}");
            }

            var registry = LocalBackends.Open(context.ResolveDataRoot(parseResult)).ThingRegistry;
            var before = await registry.GetPolicyAsync(policyName, cancellationToken);
            Local.Registry.RegisteredPolicy after;
            try
            {
                after = await registry.PutPolicyAsync(policyName, document, cancellationToken);
            }
            catch (ArgumentException invalid)
            {
                throw new CliException(ExitCodes.UsageError, invalid.Message.Split(" (Parameter", 2)[0]);
            }

            var outcome = before is null ? "created" : after.Version != before.Version ? "updated" : "unchanged";
            if (parseResult.GetValue(json))
            {
                context.WriteJson(RegistryReports.Policy(after, outcome), CliJsonContext.Default.PolicyReport);
            }
            else
            {
                context.Out.WriteLine($"policy {after.Name}: {outcome}, version {after.Version}");
            }

            return ExitCodes.Ok;
        });
        return put;
    }
}
