using System.CommandLine;
using Secretless.Cli.Commands;
using Secretless.Cli.Infrastructure;
using Secretless.Local.Pki;
using Secretless.Backends;

namespace Secretless.Cli;

/// <summary>
/// The <c>secretless</c> command line. Runs in-process with any writers, so tests and the real
/// process share one code path; errors become one line on stderr and an exit code.
/// </summary>
public static class SecretlessCli
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => RunAsync(args, stdout, stderr, handleProcessTermination: false, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        bool handleProcessTermination,
        CancellationToken cancellationToken)
    {
        var context = new CliContext(stdout, stderr, TimeProvider.System);
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);

        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpWithExitCodesAction)
        {
            foreach (var error in parseResult.Errors)
            {
                context.WriteError(error.Message);
            }

            stderr.WriteLine("Run 'secretless --help' (or '<command> --help') for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the action's token; the process (not a test host) waits for a clean stop.
            ProcessTerminationTimeout = handleProcessTermination ? TimeSpan.FromSeconds(10) : null,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException exception)
        {
            context.WriteError(OneLine(exception.Message));
            return exception.ExitCode;
        }
        catch (BackendConfigurationException exception)
        {
            // Every problem on its own line, so a file with three mistakes is fixed in one go.
            foreach (var problem in exception.Problems)
            {
                context.WriteError(OneLine(problem));
            }

            return ExitCodes.UsageError;
        }
        catch (LocalPkiNotInitializedException exception)
        {
            context.WriteError(OneLine(exception.Message));
            return ExitCodes.PkiNotInitialized;
        }
        catch (OperationCanceledException)
        {
            context.WriteError("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception exception)
        {
            // Unexpected: still one line, never a stack trace on a user's terminal.
            context.WriteError(OneLine(exception.Message));
            return ExitCodes.Failure;
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "Secretless: secret-free device provisioning. Devices keep their private keys; "
            + "the service issues certificates to registered public keys.");
        root.Options.Add(context.DataOption);
        root.Options.Add(context.ConfigOption);

        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(PkiCommands.Create(context));
        root.Subcommands.Add(CaCommands.Create(context));
        root.Subcommands.Add(DevicesCommands.Create(context));
        root.Subcommands.Add(DeviceCommands.Create(context));
        root.Subcommands.Add(ThingsCommands.Create(context));
        root.Subcommands.Add(CertsCommands.Create(context));
        root.Subcommands.Add(PoliciesCommands.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(Fleet.FleetCommands.Create(context));

        foreach (var option in root.Options)
        {
            if (option is System.CommandLine.Help.HelpOption { Action: System.CommandLine.Help.HelpAction standard } help)
            {
                help.Action = new HelpWithExitCodesAction(standard);
            }
        }

        return root;
    }

    private static string OneLine(string message)
        => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
