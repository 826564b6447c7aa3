using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

public sealed class DevicesImportTests
{
    private const int ManifestLines = 10_000;

    [Fact]
    public async Task Import_TenThousandLinesWithThreeBad_ImportsNothingAndNamesEachLine()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var manifest = temp.File("manifest.csv");
        await ManifestFiles.WriteCsvAsync(manifest, "bad-batch", ManifestLines);
        var lines = await File.ReadAllLinesAsync(manifest);
        // File line numbers (1-based, header is line 1): a broken key, a forbidden id, a line without a key.
        lines[41] = "bad-batch-00041,bm90IGEga2V5";
        lines[5_000] = "bad id with spaces," + ManifestFiles.NewBase64PemPublicKey();
        lines[9_999] = "bad-batch-09999";
        await File.WriteAllLinesAsync(manifest, lines);

        var result = await CliProcess.RunAsync(["devices", "import", manifest, "--data", temp.File("data")]);

        Assert.True(result.ExitCode == 4, result.ToString());
        foreach (var lineNumber in new[] { 42, 5_001, 10_000 })
        {
            Assert.Contains($"line {lineNumber}:", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(3, result.StandardError.Split('\n').Count(line => line.Contains(": line ", StringComparison.Ordinal)));
        Assert.Contains("nothing was imported", result.StandardError, StringComparison.Ordinal);

        var list = await InProcessCli.RunAsync("devices", "list", "--json", "--data", temp.File("data"));
        using var json = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Import_CleanTenThousandLines_ImportsAll()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var manifest = temp.File("manifest.csv");
        var ids = await ManifestFiles.WriteCsvAsync(manifest, "clean", ManifestLines);

        var result = await CliProcess.RunAsync(["devices", "import", manifest, "--data", temp.File("data"), "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.True(report.RootElement.GetProperty("committed").GetBoolean());
        Assert.Equal(ManifestLines, report.RootElement.GetProperty("inserted").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("problems").GetArrayLength());

        var list = await InProcessCli.RunAsync("devices", "list", "--json", "--limit", "5", "--data", temp.File("data"));
        using var listed = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(ManifestLines, listed.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(
            ids.Order(StringComparer.Ordinal).Take(5),
            listed.RootElement.GetProperty("devices").EnumerateArray().Select(device => device.GetProperty("deviceId").GetString()));
    }

    [Fact]
    public async Task Import_SameManifestTwice_SecondRunLeavesDevicesUnchanged()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var manifest = temp.File("manifest.csv");
        await ManifestFiles.WriteCsvAsync(manifest, "twice", 3);
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", manifest, "--data", temp.Path)).ExitCode);

        var second = await InProcessCli.RunAsync("devices", "import", manifest, "--data", temp.Path, "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        using var report = JsonDocument.Parse(second.StandardOutput);
        Assert.Equal(0, report.RootElement.GetProperty("inserted").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Import_RegisteredDeviceWithOtherKey_IsRejectedUnlessReplace()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var original = temp.File("original.csv");
        await File.WriteAllTextAsync(original, $"sensor-7,{ManifestFiles.NewBase64PemPublicKey()}\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", original, "--data", temp.Path)).ExitCode);
        var before = await ShowKeyHashAsync(temp.Path, "sensor-7");
        var rekeyed = temp.File("rekeyed.csv");
        await File.WriteAllTextAsync(rekeyed, $"sensor-7,{ManifestFiles.NewBase64PemPublicKey()}\n");

        var rejected = await InProcessCli.RunAsync("devices", "import", rekeyed, "--data", temp.Path);

        Assert.Equal(4, rejected.ExitCode);
        Assert.Contains("line 1:", rejected.StandardError, StringComparison.Ordinal);
        Assert.Contains("--replace", rejected.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, await ShowKeyHashAsync(temp.Path, "sensor-7"));

        var replaced = await InProcessCli.RunAsync("devices", "import", rekeyed, "--replace", "--data", temp.Path);

        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.NotEqual(before, await ShowKeyHashAsync(temp.Path, "sensor-7"));
    }

    [Fact]
    public async Task Import_KeyEncodingsMadeByOpenssl_AreAllAcceptedAsTheSameKeys()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var samplePubkey = await DeviceKeyFixture.CreateAsync(temp, "aws-sample-format", TestKeyKind.EcP256);
        var pem = await DeviceKeyFixture.CreateAsync(temp, "pem-format", TestKeyKind.EcP384);
        var der = await DeviceKeyFixture.CreateAsync(temp, "der-format", TestKeyKind.Rsa2048);
        // The reference sample's DynamoDB pubkey: `openssl ec -in device.key -pubout | base64 -w0`.
        var samplePubkeyText = Convert.ToBase64String(await File.ReadAllBytesAsync(samplePubkey.PublicKeyPemPath));
        var manifest = temp.File("manifest.jsonl");
        await File.WriteAllLinesAsync(manifest,
        [
            JsonSerializer.Serialize(new { deviceId = samplePubkey.DeviceId, publicKey = samplePubkeyText }),
            JsonSerializer.Serialize(new { deviceId = pem.DeviceId, publicKey = pem.PublicKeyPem }),
            JsonSerializer.Serialize(new { deviceId = der.DeviceId, publicKey = Convert.ToBase64String(der.PublicKeySpkiDer) }),
        ]);

        var result = await CliProcess.RunAsync(["devices", "import", manifest, "--data", temp.File("data")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var device in new[] { samplePubkey, pem, der })
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(device.PublicKeySpkiDer));
            Assert.Equal(expected, await ShowKeyHashAsync(temp.File("data"), device.DeviceId));
        }
    }

    [Fact]
    public async Task Import_MissingFile_FailsWithOneLine()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("devices", "import", temp.File("absent.csv"), "--data", temp.Path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.Contains("absent.csv", line, StringComparison.Ordinal);
    }

    private static async Task<string?> ShowKeyHashAsync(string dataDirectory, string deviceId)
    {
        var result = await InProcessCli.RunAsync("devices", "show", deviceId, "--json", "--data", dataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("publicKeySha256").GetString();
    }
}
