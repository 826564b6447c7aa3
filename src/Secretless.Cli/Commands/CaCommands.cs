using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Local;
using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Cli.Commands;

/// <summary>
/// <c>secretless ca list|rotate|revoke</c>: intermediate-CA rotation of the local PKI. A running
/// <c>serve</c> on the same data directory follows within about a second (it polls pki.json).
/// With <c>Secretless:Issuer:Type = AcmPca</c> the same commands act on ACM PCA and AWS IoT instead (<see cref="CaAwsActions"/>).
/// </summary>
internal static class CaCommands
{
    public static Command Create(CliContext context)
    {
        var ca = new Command(
            "ca",
            "Issuing (intermediate) CAs of the local PKI: list them, rotate to a new one, revoke an old one with cascading revocation.");
        ca.Subcommands.Add(CreateList(context));
        ca.Subcommands.Add(CreateRotate(context));
        ca.Subcommands.Add(CreateRevoke(context));
        return ca;
    }

    private static Command CreateList(CliContext context)
    {
        var json = CliContext.CreateJsonOption();
        var list = new Command(
            "list",
            "List the issuing CAs: id, status (active|retired|revoked), subject and validity. With Secretless:Issuer:Type = AcmPca: the configured ACM PCA CA (id = its ARN).")
        {
            json,
        };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            await using (var aws = ConfiguredAcmPcaIssuer.TryOpen(context, parseResult))
            {
                if (aws is not null)
                {
                    return await CaAwsActions.ListAsync(context, aws, parseResult.GetValue(json), cancellationToken);
                }
            }

            var (issuers, activeIssuerId) = LocalCaAdministration.List(DataDirectoryOf(context, parseResult));
            var report = new CaListReport(
                issuers.Select(issuer => new CaIssuerReport(
                    issuer.Id, issuer.Status, issuer.Subject, issuer.SerialNumber, issuer.NotBefore, issuer.NotAfter, issuer.CreatedAt, issuer.RevokedAt)).ToList(),
                activeIssuerId);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.CaListReport);
                return ExitCodes.Ok;
            }

            foreach (var issuer in report.Issuers)
            {
                var revoked = issuer.RevokedAt is { } at ? $" (revoked {at:u})" : "";
                context.Out.WriteLine($"{issuer.Id}  {issuer.Status,-7}  {issuer.Subject}  valid to {issuer.NotAfter:u}{revoked}");
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateRotate(CliContext context)
    {
        var json = CliContext.CreateJsonOption();
        var to = new Option<string?>("--to")
        {
            Description = "ACM PCA issuer only: ARN of the new (ACTIVE) certificate authority.",
            HelpName = "ARN",
        };
        var rotate = new Command(
            "rotate",
            "Create a new issuing CA under the root and make it active; the previous one becomes retired (its certificates keep working until you revoke it). "
            + "With Secretless:Issuer:Type = AcmPca: --to ARN registers that ACTIVE ACM PCA CA with AWS IoT and switches the --config file to it.")
        {
            to,
            json,
        };
        rotate.SetAction(async (parseResult, cancellationToken) =>
        {
            await using (var aws = ConfiguredAcmPcaIssuer.TryOpen(context, parseResult))
            {
                if (aws is not null)
                {
                    return await CaAwsActions.RotateAsync(context, aws, parseResult.GetValue(to), parseResult.GetValue(json), cancellationToken);
                }
            }

            if (parseResult.GetValue(to) is not null)
            {
                throw new CliException(ExitCodes.UsageError, "--to is for the ACM PCA issuer (Secretless:Issuer:Type = AcmPca); the embedded issuer creates its new CA itself.");
            }

            var rotation = LocalCaAdministration.Rotate(DataDirectoryOf(context, parseResult), context.Time);
            var report = new CaRotateReport(rotation.PreviousIssuerId, rotation.ActiveIssuerId, rotation.Subject);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.CaRotateReport);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"active issuing CA: {report.ActiveIssuerId} ({report.Subject}); {report.PreviousIssuerId} is retired");
            context.Error.WriteLine("A running 'secretless serve' issues from the new CA within about a second.");
            context.Error.WriteLine($"Once devices have new certificates (or to force them): secretless ca revoke {report.PreviousIssuerId}");
            return ExitCodes.Ok;
        });
        return rotate;
    }

    private static Command CreateRevoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The issuing CA id, as 'ca list' shows it (ica-…; with the ACM PCA issuer, the CA ARN)." };
        var json = CliContext.CreateJsonOption();
        var revoke = new Command(
            "revoke",
            "Revoke a retired issuing CA: put it on the root CRL and revoke every certificate it signed in the registry "
            + "and every region's registry. A running broker closes those sessions and refuses anything chaining to it. "
            + "With Secretless:Issuer:Type = AcmPca: sets the CA's AWS IoT CA certificate INACTIVE and revokes every device certificate under it in ACM PCA and AWS IoT.")
        {
            id,
            json,
        };
        revoke.SetAction(async (parseResult, cancellationToken) =>
        {
            await using (var aws = ConfiguredAcmPcaIssuer.TryOpen(context, parseResult))
            {
                if (aws is not null)
                {
                    return await CaAwsActions.RevokeAsync(context, aws, parseResult.GetRequiredValue(id), parseResult.GetValue(json), cancellationToken);
                }
            }

            var dataDirectory = DataDirectoryOf(context, parseResult);
            LocalCaRevocation revocation;
            try
            {
                revocation = LocalCaAdministration.Revoke(dataDirectory, parseResult.GetRequiredValue(id), context.Time);
            }
            catch (LocalIssuerNotFoundException exception)
            {
                throw new CliException(ExitCodes.NotFound, exception.Message);
            }
            catch (ActiveIssuerRevocationException exception)
            {
                throw new CliException(ExitCodes.UsageError, exception.Message);
            }

            // Always cascade, also when the CA was already revoked: a run interrupted after the
            // PKI change is completed by running the command again.
            var revokedCertificates = await LocalBackends.Open(dataDirectory.RootPath).ThingRegistry
                .RevokeCertificatesIssuedByAsync(revocation.IssuerSubject, cancellationToken);
            var regions = dataDirectory.ListRegions();
            foreach (var region in regions)
            {
                var database = SqliteDatabase.Open(dataDirectory.RegionDatabasePath(region), context.Time);
                var registry = new SqliteThingRegistry(database, new LocalStackOptions(), context.Time);
                revokedCertificates += await registry.RevokeCertificatesIssuedByAsync(revocation.IssuerSubject, cancellationToken);
            }

            var report = new CaRevokeReport(revocation.IssuerId, revokedCertificates, regions, revocation.AlreadyRevoked);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.CaRevokeReport);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine(revocation.AlreadyRevoked
                ? $"{report.IssuerId} was already revoked; {report.RevokedCertificates} certificate(s) it signed were still active and are now revoked"
                : $"{report.IssuerId} revoked; {report.RevokedCertificates} certificate(s) it signed are now revoked");
            if (regions.Count > 0)
            {
                context.Out.WriteLine($"regions updated: {string.Join(", ", regions)}");
            }

            context.Error.WriteLine("A running 'secretless serve' closes their MQTT sessions within about a second; devices re-provision through /new.");
            return ExitCodes.Ok;
        });
        return revoke;
    }

    private static SecretlessDataDirectory DataDirectoryOf(CliContext context, ParseResult parseResult)
        => new(context.ResolveDataRoot(parseResult));
}
