using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

public sealed class DeviceKeygenTests
{
    [Fact]
    public async Task Keygen_NewDevice_WritesOwnerOnlyKeyAndPrintsManifestLineOfThatKey()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var keysDirectory = temp.File("keys");

        var result = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-0001", "--out", keysDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        var keyPath = Path.Combine(keysDirectory, "sensor-0001.key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        var line = result.StandardOutput.Trim();
        Assert.StartsWith("sensor-0001,", line, StringComparison.Ordinal);
        var publicPem = Encoding.ASCII.GetString(Convert.FromBase64String(line["sensor-0001,".Length..]));
        using var privateKey = ECDsa.Create();
        privateKey.ImportFromPem(await File.ReadAllTextAsync(keyPath));
        Assert.Equal(privateKey.ExportSubjectPublicKeyInfoPem() + "\n", publicPem);

        // openssl reads the key too (a real device toolchain would).
        var opensslPublic = await OpenSsl.RunAsync(["pkey", "-in", keyPath, "-pubout"]);
        Assert.Equal(publicPem, opensslPublic);
    }

    [Fact]
    public async Task Keygen_KeyFileExists_RefusesAndKeepsTheKey()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var first = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-0001", "--out", temp.Path);
        Assert.Equal(0, first.ExitCode);
        var keyBefore = await File.ReadAllTextAsync(temp.File("sensor-0001.key"));

        var second = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-0001", "--out", temp.Path);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already exists", second.StandardError, StringComparison.Ordinal);
        Assert.Equal(keyBefore, await File.ReadAllTextAsync(temp.File("sensor-0001.key")));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    public async Task Keygen_InvalidDeviceId_ExitsWithUsageErrorAndWritesNothing(string deviceId)
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("device", "keygen", "--id", deviceId, "--out", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--id", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Keygen_Json_PrintsOnlyJsonWithManifestLine()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-0002", "--out", temp.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("sensor-0002", json.RootElement.GetProperty("deviceId").GetString());
        Assert.Equal(temp.File("sensor-0002.key"), json.RootElement.GetProperty("privateKeyPath").GetString());
        Assert.StartsWith("sensor-0002,", json.RootElement.GetProperty("manifestLine").GetString(), StringComparison.Ordinal);
        Assert.Contains("BEGIN PUBLIC KEY", json.RootElement.GetProperty("publicKeyPem").GetString(), StringComparison.Ordinal);
    }
}
