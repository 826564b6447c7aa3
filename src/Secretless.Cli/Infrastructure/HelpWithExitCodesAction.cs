using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The standard help, followed by the exit code table (System.CommandLine 2.0 has no epilog),
/// so scripts' authors find the codes where they look first.
/// </summary>
internal sealed class HelpWithExitCodesAction(HelpAction standardHelp) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        standardHelp.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
        return ExitCodes.Ok;
    }
}
