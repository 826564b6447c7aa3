namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>Runs the CLI in this process with captured writers (fast; same code path as the real process).</summary>
public static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await SecretlessCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
