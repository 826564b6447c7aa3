using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

/// <summary><c>things</c>, <c>certs</c> and <c>policies</c> against the real SQLite registry of a data directory.</summary>
public sealed class RegistryCommandsTests
{
    [Fact]
    public async Task CertsStatus_DeactivateActivateRevoke_FollowsAwsIotRules()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var certificateId = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-1");

        var deactivated = await InProcessCli.RunAsync("certs", "deactivate", certificateId[..12], "--json", "--data", data);
        Assert.True(deactivated.ExitCode == 0, deactivated.ToString());
        using (var report = JsonDocument.Parse(deactivated.StandardOutput))
        {
            Assert.Equal(certificateId, report.RootElement.GetProperty("certificateId").GetString());
            Assert.Equal("active", report.RootElement.GetProperty("previousStatus").GetString());
            Assert.Equal("inactive", report.RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(0, (await InProcessCli.RunAsync("certs", "activate", certificateId, "--data", data)).ExitCode);
        var again = await InProcessCli.RunAsync("certs", "activate", certificateId, "--data", data);
        Assert.Contains("already active", again.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(0, (await InProcessCli.RunAsync("certs", "revoke", certificateId, "--data", data)).ExitCode);
        var activate = await InProcessCli.RunAsync("certs", "activate", certificateId, "--data", data);
        var deactivate = await InProcessCli.RunAsync("certs", "deactivate", certificateId, "--data", data);

        Assert.Equal(1, activate.ExitCode);
        Assert.Contains("revocation is final", activate.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, deactivate.ExitCode);
        var show = await InProcessCli.RunAsync("certs", "show", certificateId, "--json", "--data", data);
        using var shown = JsonDocument.Parse(show.StandardOutput);
        Assert.Equal("revoked", shown.RootElement.GetProperty("status").GetString());
        Assert.Equal("sensor-1", Assert.Single(shown.RootElement.GetProperty("things").EnumerateArray()).GetString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", shown.RootElement.GetProperty("certificatePem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertsList_TwoCertificates_PrintsWholeIdsWithStatus()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var first = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-1");
        var second = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-2");

        var list = await InProcessCli.RunAsync("certs", "list", "--data", data);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"{first}  active", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{second}  active", list.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", 3)]
    [InlineData("abc", 2)]
    [InlineData("not-hex-at-all!", 2)]
    public async Task CertsShow_UnknownOrMalformedId_ExitsWithPreciseCode(string id, int exitCode)
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("certs", "show", id, "--data", temp.Path);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(id, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThingsListAndShow_RegisteredThing_ListsItsCertificate()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var certificateId = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-1");

        var list = await InProcessCli.RunAsync("things", "list", "--json", "--data", data);
        var show = await InProcessCli.RunAsync("things", "show", "sensor-1", "--json", "--data", data);
        var unknown = await InProcessCli.RunAsync("things", "show", "sensor-9", "--data", data);

        using var listed = JsonDocument.Parse(list.StandardOutput);
        var thing = Assert.Single(listed.RootElement.GetProperty("things").EnumerateArray());
        Assert.Equal(1, thing.GetProperty("certificateCount").GetInt32());
        using var shown = JsonDocument.Parse(show.StandardOutput);
        var certificate = Assert.Single(shown.RootElement.GetProperty("certificates").EnumerateArray());
        Assert.Equal(certificateId, certificate.GetProperty("certificateId").GetString());
        Assert.Equal(3, unknown.ExitCode);
    }

    [Fact]
    public async Task PoliciesPut_ValidThenChangedDocument_CreatesThenVersions()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var file = temp.File("policy.json");
        await File.WriteAllTextAsync(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""");

        var created = await InProcessCli.RunAsync("policies", "put", "lab-policy", file, "--data", data);
        var unchanged = await InProcessCli.RunAsync("policies", "put", "lab-policy", file, "--data", data);
        await File.WriteAllTextAsync(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iot:*","Resource":"*"}]}""");
        var updated = await InProcessCli.RunAsync("policies", "put", "lab-policy", file, "--json", "--data", data);

        Assert.Contains("created, version 1", created.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unchanged, version 1", unchanged.StandardOutput, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(updated.StandardOutput);
        Assert.Equal(2, report.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("Deny", report.RootElement.GetProperty("document").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        var show = await InProcessCli.RunAsync("policies", "show", "lab-policy", "--data", data);
        Assert.Contains("\"Deny\"", show.StandardOutput, StringComparison.Ordinal);
        var list = await InProcessCli.RunAsync("policies", "list", "--json", "--data", data);
        Assert.Contains("lab-policy", list.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"iot:Connect","Resource":"*"}]}""")]
    public async Task PoliciesPut_InvalidDocument_RefusedAndNothingStored(string document)
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var file = temp.File("bad.json");
        await File.WriteAllTextAsync(file, document);

        var result = await InProcessCli.RunAsync("policies", "put", "lab-policy", file, "--data", temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a valid AWS IoT policy document:", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
        Assert.Equal(3, (await InProcessCli.RunAsync("policies", "show", "lab-policy", "--data", temp.Path)).ExitCode);
    }

    [Fact]
    public async Task PoliciesPut_InvalidName_ExitsUsageError()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var file = temp.File("policy.json");
        await File.WriteAllTextAsync(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""");

        var result = await InProcessCli.RunAsync("policies", "put", "bad name!", file, "--data", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad name!", result.StandardError, StringComparison.Ordinal);
    }
}
