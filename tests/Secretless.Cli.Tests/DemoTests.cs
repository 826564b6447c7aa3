using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_AsProcess_ExitsZeroAndShowsTheNotFoundAndWrongKeyRefusals()
    {
        var result = await CliProcess.RunAsync(["demo"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("404", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("403", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("mqtt publish", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("behaved as expected", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_JsonWithData_ReportsEveryStepAsExpectedAndKeepsTheDevices()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("demo", "--json", "--data", temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.True(json.RootElement.GetProperty("allAsExpected").GetBoolean());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(3, steps.Count(step => step.GetProperty("step").GetString() == "provision" && step.GetProperty("actual").GetString() == "200 issued"));
        Assert.Contains(steps, step => step.GetProperty("actual").GetString() == "404 device-not-registered");
        Assert.Contains(steps, step => step.GetProperty("actual").GetString() == "403 public-key-mismatch");
        var mqtt = Assert.Single(steps, step => step.GetProperty("step").GetString() == "mqtt publish");
        Assert.Equal("connected, published", mqtt.GetProperty("actual").GetString());
        Assert.StartsWith("CONNACK 0, PUBACK ", mqtt.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // With --data the stack's state stays: the three devices are registered there.
        var list = await InProcessCli.RunAsync("devices", "list", "--json", "--data", temp.Path);
        using var listed = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(3, listed.RootElement.GetProperty("total").GetInt64());
    }
}
