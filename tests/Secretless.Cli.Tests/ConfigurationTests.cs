using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>--config FILE</c> and <c>Secretless__*</c> variables choose the backends; every mistake is a
/// numbered <c>error:</c> line and exit 2, before anything listens or is written.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("secretless-cli-config");

    [Fact]
    public async Task Serve_ConfigFileMissing_Exit2NamesTheFile()
    {
        var missing = _temp.File("nope.json");

        var result = await InProcessCli.RunAsync("serve", "--data", _temp.File("data"), "--config", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --config {missing} does not exist.", result.StandardError.Trim());
    }

    [Fact]
    public async Task Serve_ConfigFileNotJson_Exit2SaysSo()
    {
        var path = _temp.File("broken.json");
        await File.WriteAllTextAsync(path, "{ \"Secretless\": { \"Directory\": ");

        var result = await InProcessCli.RunAsync("serve", "--data", _temp.File("data"), "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --config {path} is not valid JSON:", result.StandardError.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ConfigWithMistakes_Exit2EveryProblemOnItsOwnLineNothingListens()
    {
        var path = _temp.File("aws.json");
        await File.WriteAllTextAsync(path, """
            {
              "Secretless": {
                "Directory": { "Type": "DynamoDb", "TabelName": "devices" },
                "Issuer": { "Type": "AcmPca" }
              }
            }
            """);

        var result = await InProcessCli.RunAsync("serve", "--data", _temp.File("data"), "--config", path, "--urls", "https://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("error: SL2102: Secretless:Directory:TabelName is not an option", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("error: Secretless:Issuer: SL4201:", StringComparison.Ordinal));
        Assert.DoesNotContain("Listening on", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevicesList_EnvironmentChoosesUnknownBackend_Exit2FromTheVariable()
    {
        var result = await CliProcess.RunAsync(
            ["devices", "list", "--data", _temp.File("data")],
            new Dictionary<string, string> { ["Secretless__Directory__Type"] = "Cassandra" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: SL2101: Secretless:Directory:Type = 'Cassandra' is not a backend of this port; use Sqlite or DynamoDb.",
            result.StandardError.Trim());
    }

    [Fact]
    public async Task DevicesImport_EnvironmentOverridesConfigFile_VariableWins()
    {
        var path = _temp.File("local.json");
        await File.WriteAllTextAsync(path, """{ "Secretless": { "Directory": { "Type": "Sqlite" } } }""");
        var manifest = _temp.File("devices.csv");
        await ManifestFiles.WriteCsvAsync(manifest, "env-wins", 2);

        var result = await CliProcess.RunAsync(
            ["devices", "import", manifest, "--data", _temp.File("data"), "--config", path],
            new Dictionary<string, string> { ["Secretless__Directory__Type"] = "DynamoDb" });

        // The variable chose DynamoDB, whose TableName is required: nothing was imported into SQLite.
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Secretless:Directory: SL4101:", result.StandardError.Trim(), StringComparison.Ordinal);
        var listed = await InProcessCli.RunAsync("devices", "list", "--data", _temp.File("data"), "--json");
        Assert.Contains("\"total\": 0", listed.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
