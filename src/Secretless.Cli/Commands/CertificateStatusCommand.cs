using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Core.Registry;

namespace Secretless.Cli.Commands;

/// <summary>
/// <c>certs revoke|deactivate|activate &lt;id&gt;</c>. Writes the status to the registry file; a
/// running <c>serve</c> sees the change through the registry's status feed and closes the
/// certificate's live MQTT sessions. REVOKED is final, as in AWS IoT (CertificateStateException).
/// </summary>
internal static class CertificateStatusCommand
{
    public static Command Create(CliContext context, string name, CertificateStatus target, string description)
    {
        var id = CertsCommands.CreateIdArgument();
        var json = CliContext.CreateJsonOption();
        var region = RegionOption.Create();
        var command = new Command(name, description) { id, region, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = RegionOption.OpenRegistry(context, parseResult, region);
            var certificate = await CertificateIdResolver.ResolveAsync(registry, parseResult.GetRequiredValue(id), cancellationToken);
            var previous = certificate.Status;
            if (previous == CertificateStatus.Revoked && target != CertificateStatus.Revoked)
            {
                throw new CliException(
                    ExitCodes.Failure,
                    $"certificate {certificate.CertificateId} is revoked, and revocation is final (AWS IoT refuses this too); "
                    + "the device needs a new certificate: it sends a new CSR to /new.");
            }

            var changed = previous != target;
            try
            {
                if (changed && !await registry.SetCertificateStatusAsync(certificate.CertificateId, target, cancellationToken))
                {
                    throw new CliException(ExitCodes.NotFound, $"certificate {certificate.CertificateId} disappeared while it was being changed.");
                }
            }
            catch (InvalidOperationException)
            {
                // Revoked by another process between our read and this write: the registry keeps it revoked.
                throw new CliException(
                    ExitCodes.Failure,
                    $"certificate {certificate.CertificateId} was revoked meanwhile, and revocation is final.");
            }

            var report = new CertificateStatusReport(
                certificate.CertificateId, RegistryReports.StatusName(previous), RegistryReports.StatusName(target), changed);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.CertificateStatusReport);
                return ExitCodes.Ok;
            }

            // Plain text: Spectre would wrap a 64-character id at 80 columns when output is redirected.
            context.Out.WriteLine(changed
                ? $"{report.CertificateId}: {report.PreviousStatus} -> {report.Status}"
                : $"{report.CertificateId}: already {report.Status}; nothing changed");
            if (changed && target != CertificateStatus.Active)
            {
                context.Error.WriteLine(parseResult.GetValue(region) is { } name
                    ? $"Region {name}'s MQTT endpoint refuses its next connection and closes its live MQTT sessions within 1 s; the other regions of a running 'serve --regions' follow after the replication delay."
                    : "A running 'secretless serve' refuses its next connection and closes its live MQTT sessions within 1 s.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
