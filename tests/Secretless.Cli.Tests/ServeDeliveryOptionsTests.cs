using System.Globalization;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary><c>serve --delivery|--delivery-deadline|--payload-url-lifetime</c>: the mode reaching the server (invalid values: ServeInvalidOptionsTests).</summary>
public sealed class ServeDeliveryOptionsTests
{
    [Fact]
    public async Task Serve_DeliveryUrl_AnswersEveryDeviceWithPayloadUrl()
    {
        using var temp = new TemporaryDirectory("secretless-serve-delivery");
        var data = temp.File("data");
        var mqttPort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        using var server = CliProcess.Start(
            ["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort, "--data", data, "--delivery", "url", "--payload-url-lifetime", "5"]);
        var line = await server.WaitForOutputLineAsync(l => l.StartsWith("Listening on:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var url = line["Listening on:".Length..].Trim();

        // The devices do not ask for a URL: only the server's mode can make every answer a 202.
        var result = await InProcessCli.RunAsync("fleet", "simulate", "--count", "5", "--server", url, "--data", data, "--json");

        Assert.True(result.ExitCode == 0, result + "\n--- server\n" + server.Snapshot());
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(5, report.RootElement.GetProperty("provisioned").GetInt32());
        Assert.Equal(5, report.RootElement.GetProperty("deliveredByUrl").GetInt32());
        Assert.Equal("direct", report.RootElement.GetProperty("delivery").GetString());
    }
}
