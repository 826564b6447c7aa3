using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

public sealed class DevicesAdminTests
{
    [Fact]
    public async Task KeygenImportList_RoundTrip_ListsTheGeneratedDevicesWithTheirKeys()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var lines = new List<string>();
        foreach (var id in new[] { "sensor-b", "sensor-a" })
        {
            var keygen = await CliProcess.RunAsync(["device", "keygen", "--id", id, "--out", temp.File("keys"), "--json"]);
            Assert.True(keygen.ExitCode == 0, keygen.ToString());
            using var report = JsonDocument.Parse(keygen.StandardOutput);
            lines.Add(report.RootElement.GetProperty("manifestLine").GetString()!);
        }

        await File.WriteAllLinesAsync(temp.File("manifest.csv"), lines);
        var import = await CliProcess.RunAsync(["devices", "import", temp.File("manifest.csv"), "--data", data, "--json"]);
        Assert.True(import.ExitCode == 0, import.ToString());

        var list = await CliProcess.RunAsync(["devices", "list", "--json", "--data", data]);

        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt64());
        var devices = json.RootElement.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(["sensor-a", "sensor-b"], devices.Select(device => device.GetProperty("deviceId").GetString()));
        Assert.All(devices, device => Assert.Equal("enabled", device.GetProperty("status").GetString()));
        Assert.All(devices, device => Assert.Equal("ecdsa-p256", device.GetProperty("keyAlgorithm").GetString()));
    }

    [Fact]
    public async Task Show_UnknownDevice_ExitsNotFound()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await CliProcess.RunAsync(["devices", "show", "nobody", "--data", temp.Path]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'nobody' is not registered", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    public async Task SetStatus_UnknownDevice_ExitsNotFound(string verb)
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("devices", verb, "nobody", "--data", temp.Path);

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task DisableThenEnable_RegisteredDevice_ChangesStatusShownByShow()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        await File.WriteAllTextAsync(temp.File("m.csv"), $"sensor-9,{ManifestFiles.NewBase64PemPublicKey()}\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", temp.File("m.csv"), "--data", temp.Path)).ExitCode);

        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "disable", "sensor-9", "--data", temp.Path)).ExitCode);
        Assert.Equal("disabled", await StatusAsync(temp.Path, "sensor-9"));

        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "enable", "sensor-9", "--data", temp.Path)).ExitCode);
        Assert.Equal("enabled", await StatusAsync(temp.Path, "sensor-9"));
    }

    [Fact]
    public async Task Show_RegisteredDevice_PrintsPublicKeyPem()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var device = await DeviceKeyFixture.CreateAsync(temp, "sensor-pem", TestKeyKind.EcP256);
        var samplePubkey = Convert.ToBase64String(await File.ReadAllBytesAsync(device.PublicKeyPemPath));
        await File.WriteAllTextAsync(temp.File("m.csv"), $"device-id,public-key\nsensor-pem,{samplePubkey}\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", temp.File("m.csv"), "--data", temp.File("data"))).ExitCode);

        var result = await InProcessCli.RunAsync("devices", "show", "sensor-pem", "--data", temp.File("data"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(device.PublicKeyPem.Trim(), result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<string?> StatusAsync(string data, string deviceId)
    {
        var show = await InProcessCli.RunAsync("devices", "show", deviceId, "--json", "--data", data);
        using var json = JsonDocument.Parse(show.StandardOutput);
        return json.RootElement.GetProperty("status").GetString();
    }
}
