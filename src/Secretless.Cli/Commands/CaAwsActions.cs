using System.CommandLine;
using Secretless.Aws.AcmPca;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary>
/// The ACM PCA branch of <c>secretless ca list|rotate|revoke</c> (<c>Secretless:Issuer:Type = AcmPca</c>):
/// the work is <see cref="AcmPcaIssuerAdministration"/>'s; this only maps failures to exit codes and prints.
/// </summary>
internal static class CaAwsActions
{
    public static async Task<int> ListAsync(CliContext context, ConfiguredAcmPcaIssuer issuer, bool json, CancellationToken cancellationToken)
    {
        var issuers = await Guard(() => issuer.Administration.ListAsync(cancellationToken));
        var report = new CaListReport(
            issuers.Select(info => new CaIssuerReport(
                info.Id, info.Status, info.Subject, info.SerialNumber, info.NotBefore, info.NotAfter, info.CreatedAt, info.RevokedAt)).ToList(),
            issuer.Administration.ActiveIssuerId);
        if (json)
        {
            context.WriteJson(report, CliJsonContext.Default.CaListReport);
            return ExitCodes.Ok;
        }

        foreach (var info in report.Issuers)
        {
            context.Out.WriteLine($"{info.Id}  {info.Status,-7}  {info.Subject}  valid to {info.NotAfter:u}");
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> RotateAsync(CliContext context, ConfiguredAcmPcaIssuer issuer, string? newArn, bool json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(newArn))
        {
            throw new CliException(ExitCodes.UsageError,
                "With Secretless:Issuer:Type = AcmPca, 'ca rotate' needs --to <ARN of the new ACM PCA CA> (create and activate the CA in ACM PCA first).");
        }

        var rotation = await Guard(() => issuer.Administration.RotateAsync(newArn, cancellationToken));
        var configUpdated = issuer.ConfigFile is { } file
            ? ConfigFileIssuerSwitch.Apply(file, rotation.ActiveIssuerId, rotation.CaCertificatePem)
            : [];
        var region = rotation.ActiveIssuerId.Split(':') is { Length: > 3 } parts ? parts[3] : "REGION";
        var nextStep = $"Secretless__Issuer__CertificateAuthorityArn={rotation.ActiveIssuerId} "
            + $"(CDK: -c certificateAuthorityArns={region}={rotation.ActiveIssuerId}, and the new CA certificate in caCertificateFiles / "
            + "Secretless:Registry:CaCertificatePem or CaCertificatePath when the registry registers WithCa)";
        var report = new CaAwsRotateReport(
            rotation.PreviousIssuerId, rotation.ActiveIssuerId, rotation.Subject, rotation.IotCaCertificateId, rotation.AlreadyRegistered, nextStep, configUpdated);
        if (json)
        {
            context.WriteJson(report, CaAwsJsonContext.Default.CaAwsRotateReport);
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"new issuing CA: {report.ActiveIssuerId} ({report.Subject}); registered ACTIVE in AWS IoT as {report.IotCaCertificateId}{(report.AlreadyRegistered ? " (already registered)" : "")}");
        context.Out.WriteLine($"previous issuing CA: {report.PreviousIssuerId} (its certificates keep working until you revoke it)");
        context.Error.WriteLine(configUpdated.Count > 0
            ? $"{issuer.ConfigFile!.FullName}: {string.Join(", ", configUpdated)} updated; restart or redeploy what reads it."
            : "No --config file given: nothing was switched yet.");
        context.Error.WriteLine($"Deploy the issuer with: {nextStep}");
        context.Error.WriteLine($"Then, once devices have new certificates (or to force them): secretless ca revoke {report.PreviousIssuerId}");
        return ExitCodes.Ok;
    }

    public static async Task<int> RevokeAsync(CliContext context, ConfiguredAcmPcaIssuer issuer, string arn, bool json, CancellationToken cancellationToken)
    {
        // The bar only on a terminal: redirected stderr (scripts, CI) gets the final line alone.
        var revocation = !json && context.ErrorConsole.Profile.Capabilities.Interactive
            ? await context.ErrorConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Revoking device certificates", maxValue: 1);
                    var done = await Guard(() => issuer.Administration.RevokeAsync(arn, new RevocationProgress(task), cancellationToken));
                    task.Value = task.MaxValue;
                    return done;
                })
            : await Guard(() => issuer.Administration.RevokeAsync(arn, null, cancellationToken));

        var report = new CaAwsRevokeReport(revocation.IssuerId, revocation.RevokedCertificates, revocation.AlreadyRevoked);
        if (json)
        {
            context.WriteJson(report, CaAwsJsonContext.Default.CaAwsRevokeReport);
            return ExitCodes.Ok;
        }

        context.Out.WriteLine(
            $"{report.IssuerId} revoked: AWS IoT CA certificate {revocation.IotCaCertificateId} is INACTIVE; "
            + $"{report.RevokedCertificates} device certificate(s) revoked now, {report.AlreadyRevoked} already revoked");
        context.Error.WriteLine("AWS IoT refuses those certificates from now on; devices re-provision through /new.");
        return ExitCodes.Ok;
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AcmPcaIssuerNotFoundException exception)
        {
            throw new CliException(ExitCodes.NotFound, exception.Message);
        }
        catch (AcmPcaActiveIssuerRevocationException exception)
        {
            throw new CliException(ExitCodes.UsageError, exception.Message);
        }
        catch (AcmPcaIssuerNotActiveException exception)
        {
            throw new CliException(ExitCodes.Failure, exception.Message);
        }
    }

    /// <summary>Sets the bar's size once the total is known, then its value directly (see <see cref="ProgressTaskReporter"/>).</summary>
    private sealed class RevocationProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = Math.Min(value.Done, task.MaxValue);
        }
    }
}
