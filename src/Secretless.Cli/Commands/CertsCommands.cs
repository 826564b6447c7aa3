using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Registry;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless certs …</c>: registered device certificates and their AWS IoT status.</summary>
internal static class CertsCommands
{
    public static Command Create(CliContext context)
    {
        var certs = new Command(
            "certs",
            "Device certificates in the local IoT registry (id = SHA-256 of the DER). Only ACTIVE certificates may connect to the MQTT endpoint.");
        certs.Subcommands.Add(CreateList(context));
        certs.Subcommands.Add(CreateShow(context));
        certs.Subcommands.Add(CertificateStatusCommand.Create(
            context, "revoke", CertificateStatus.Revoked, "Revoke a certificate for good: refused on its next connection, live sessions closed within 1 s. Cannot be undone."));
        certs.Subcommands.Add(CertificateStatusCommand.Create(
            context, "deactivate", CertificateStatus.Inactive, "Set a certificate INACTIVE: refused on its next connection, live sessions closed within 1 s; 'activate' undoes it."));
        certs.Subcommands.Add(CertificateStatusCommand.Create(
            context, "activate", CertificateStatus.Active, "Set an INACTIVE certificate ACTIVE again. A REVOKED certificate stays revoked (as in AWS IoT)."));
        return certs;
    }

    internal static Argument<string> CreateIdArgument() => new("id")
    {
        Description = $"Certificate id: 64 hex characters, or a unique prefix of at least {CertificateIdResolver.MinimumPrefixLength}.",
    };

    private static Command CreateList(CliContext context)
    {
        var limit = ListLimitOption.Create("certificates (ordered by id)");
        var json = CliContext.CreateJsonOption();
        var region = RegionOption.Create();
        var list = new Command("list", "List certificates: id, status, not-after date and subject.") { limit, region, json };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = RegionOption.OpenRegistry(context, parseResult, region);
            var reports = (await registry.ListCertificatesAsync(null, parseResult.GetValue(limit), cancellationToken))
                .Select(RegistryReports.CertificateSummary)
                .ToList();
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new CertificateListReport(reports), CliJsonContext.Default.CertificateListReport);
                return ExitCodes.Ok;
            }

            // Plain aligned lines, not a table: ids stay whole for copy and paste into 'certs revoke'.
            context.Out.WriteLine($"{"CERTIFICATE ID",-64}  {"STATUS",-8}  {"NOT AFTER",-10}  SUBJECT");
            foreach (var certificate in reports)
            {
                context.Out.WriteLine($"{certificate.CertificateId}  {certificate.Status,-8}  {certificate.NotAfter.UtcDateTime:yyyy-MM-dd}  {certificate.Subject}");
            }

            context.Error.WriteLine($"{reports.Count} certificate(s) shown.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateShow(CliContext context)
    {
        var id = CreateIdArgument();
        var json = CliContext.CreateJsonOption();
        var region = RegionOption.Create();
        var show = new Command("show", "Show one certificate: status, subject, issuer, serial, validity, its thing and policies, and its PEM.") { id, region, json };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = RegionOption.OpenRegistry(context, parseResult, region);
            var certificate = await CertificateIdResolver.ResolveAsync(registry, parseResult.GetRequiredValue(id), cancellationToken);
            var report = RegistryReports.Certificate(certificate);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.CertificateReport);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"certificate id: {report.CertificateId}");
            context.Out.WriteLine($"status:         {report.Status}");
            context.Out.WriteLine($"subject:        {report.Subject}");
            context.Out.WriteLine($"issuer:         {report.Issuer}");
            context.Out.WriteLine($"serial:         {report.SerialNumber}");
            context.Out.WriteLine($"not after:      {report.NotAfter.UtcDateTime:u}");
            context.Out.WriteLine($"registered:     {report.CreatedAt.UtcDateTime:u}");
            context.Out.WriteLine($"status changed: {report.UpdatedAt.UtcDateTime:u}");
            context.Out.WriteLine($"things:         {string.Join(", ", report.Things)}");
            context.Out.WriteLine($"policies:       {string.Join(", ", report.Policies)}");
            context.Out.Write(report.CertificatePem);
            return ExitCodes.Ok;
        });
        return show;
    }
}
