using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Local;
using Secretless.Local.Pki;
using Spectre.Console;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless pki …</c>: the local certificate authority.</summary>
internal static class PkiCommands
{
    public static Command Create(CliContext context)
    {
        var pki = new Command("pki", "Manage the local certificate authority (root + issuing CA in <data>/pki).");
        pki.Subcommands.Add(CreateInit(context));
        return pki;
    }

    /// <summary>Creates the PKI when absent (idempotent) and describes it.</summary>
    public static PkiInitReport Initialize(CliContext context, SecretlessDataDirectory dataDirectory)
    {
        using var pki = LocalPki.Initialize(dataDirectory, context.Time, out var created);
        return new PkiInitReport(dataDirectory.RootPath, pki.RootCertificatePath, pki.ChainPemPath, created, pki.Describe().NotAfter);
    }

    private static Command CreateInit(CliContext context)
    {
        var json = CliContext.CreateJsonOption();
        var init = new Command(
            "init",
            "Create an ECDSA P-256 root and issuing CA (keys mode 0600). Idempotent: an existing PKI is kept as it is.")
        {
            json,
        };
        init.SetAction(parseResult =>
        {
            var report = Initialize(context, new SecretlessDataDirectory(context.ResolveDataRoot(parseResult)));
            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.PkiInitReport);
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine(report.Created
                ? "[green]Created[/] the local PKI."
                : "The local PKI already exists; nothing changed.");
            context.Out.WriteLine($"root certificate: {report.RootCertificatePath}");
            context.Out.WriteLine($"CA chain:         {report.ChainPemPath}");
            context.Out.WriteLine($"issuer valid to:  {report.IssuerNotAfter:u}");
            return ExitCodes.Ok;
        });
        return init;
    }
}
