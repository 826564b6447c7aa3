using Secretless.Cli.Tests.Infrastructure;

namespace Secretless.Cli.Tests;

public sealed class HelpTests
{
    public static TheoryData<string> CommandPaths => new()
    {
        string.Empty,
        "serve",
        "pki",
        "pki init",
        "devices",
        "devices import",
        "devices list",
        "devices show",
        "devices disable",
        "devices enable",
        "device",
        "device keygen",
        "device provision",
        "device connect",
        "things",
        "things list",
        "things show",
        "policies",
        "policies list",
        "policies show",
        "policies put",
        "certs",
        "certs list",
        "certs show",
        "certs revoke",
        "certs deactivate",
        "certs activate",
        "demo",
        "fleet",
        "fleet simulate",
    };

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_PrintsUsageAndExitCodes(string commandPath)
    {
        var args = commandPath.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();

        var result = await InProcessCli.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        // In-process the root is named after the test host; the real process is 'secretless' (tested below).
        var usage = result.StandardOutput.Split('\n').SkipWhile(line => line != "Usage:").ElementAt(1);
        Assert.Contains(" " + commandPath, usage, StringComparison.Ordinal);
        Assert.Contains("--data", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("5  PKI not initialized", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task Help_AsProcess_ListsAllCommandGroups()
    {
        var result = await CliProcess.RunAsync(["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new[] { "serve", "pki", "devices", "device", "things", "policies", "certs", "demo" })
        {
            Assert.Contains("  " + command + " ", result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  secretless [command] [options]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsWithUsageErrorOnStderr()
    {
        var result = await CliProcess.RunAsync(["devices", "list", "--no-such-option"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Run_MissingRequiredOption_ExitsWithUsageError()
    {
        var result = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GroupWithoutSubcommand_ExitsWithUsageError()
    {
        var result = await InProcessCli.RunAsync("devices");

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.StandardError);
    }
}
