using System.Text.Json;
using System.Text.Json.Nodes;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>ca list|rotate|revoke</c> with <c>Secretless:Issuer:Type = AcmPca</c>: real <c>secretless</c>
/// processes with <c>--config</c> pointing at the fake ACM PCA + AWS IoT endpoint (SigV4 verified).
/// </summary>
public sealed class CaCommandsAwsTests
{
    [Fact]
    public async Task CaList_AcmPcaIssuer_PrintsTheConfiguredCaAsActiveInTheEmbeddedShape()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();

        var result = await aws.RunAsync("ca", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(aws.OldCaArn, json.RootElement.GetProperty("activeIssuerId").GetString());
        var issuer = Assert.Single(json.RootElement.GetProperty("issuers").EnumerateArray());
        Assert.Equal(aws.OldCaArn, issuer.GetProperty("id").GetString());
        Assert.Equal("active", issuer.GetProperty("status").GetString());
        Assert.Equal(aws.Fake.AcmPca.IssuingCaCertificate.Subject, issuer.GetProperty("subject").GetString());
        Assert.Equal(aws.Fake.AcmPca.IssuingCaCertificate.SerialNumber.ToLowerInvariant(), issuer.GetProperty("serial").GetString());
        Assert.Equal(JsonValueKind.Null, issuer.GetProperty("revokedAt").ValueKind);
        Assert.Equal(0, aws.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task CaRotate_ToActiveCa_RegistersItInIotAndSwitchesTheConfigFile()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();

        var rotate = await aws.RunAsync("ca", "rotate", "--to", aws.NewCaArn, "--json");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using var json = JsonDocument.Parse(rotate.StandardOutput);
        Assert.Equal(aws.OldCaArn, json.RootElement.GetProperty("previousIssuerId").GetString());
        Assert.Equal(aws.NewCaArn, json.RootElement.GetProperty("activeIssuerId").GetString());
        Assert.Contains($"Secretless__Issuer__CertificateAuthorityArn={aws.NewCaArn}", json.RootElement.GetProperty("nextStep").GetString(), StringComparison.Ordinal);
        var caId = json.RootElement.GetProperty("iotCaCertificateId").GetString()!;
        Assert.Equal("ACTIVE", aws.Fake.Iot.CaCertificates[caId].Status);
        Assert.Equal("SNI_ONLY", aws.Fake.Iot.CaCertificates[caId].Mode);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(aws.ConfigPath))!;
        Assert.Equal(aws.NewCaArn, (string?)config["Secretless"]!["Issuer"]!["CertificateAuthorityArn"]);
        Assert.Equal(
            aws.Fake.AcmPca.CertificateAuthorityCertificate(aws.NewCaArn).ExportCertificatePem(),
            ((string?)config["Secretless"]!["Registry"]!["CaCertificatePem"])!.Trim());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(aws.ConfigPath)!, "*.tmp"));

        // The next command reads the switched file: the new CA is the active issuer.
        var list = await aws.RunAsync("ca", "list", "--json");
        using var listed = JsonDocument.Parse(list.StandardOutput);
        Assert.Equal(aws.NewCaArn, listed.RootElement.GetProperty("activeIssuerId").GetString());
        Assert.Equal(0, aws.Fake.RejectedSignatures);
    }

    [Fact]
    public async Task CaRotate_CaNotActive_ExitsOneAndLeavesTheConfigFileAlone()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();
        aws.Fake.AcmPca.SetStatus(aws.NewCaArn, "PENDING_CERTIFICATE");
        var before = await File.ReadAllTextAsync(aws.ConfigPath);

        var result = await aws.RunAsync("ca", "rotate", "--to", aws.NewCaArn);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("PENDING_CERTIFICATE", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(aws.ConfigPath));
        Assert.Single(aws.Fake.Iot.CaCertificates);
    }

    [Fact]
    public async Task CaRotate_AcmPcaIssuerWithoutTo_ExitsTwo()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();

        var result = await aws.RunAsync("ca", "rotate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--to", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(aws.Fake.Calls);
    }

    [Fact]
    public async Task CaRevoke_ConfiguredCa_ExitsTwoAndChangesNothing()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();

        var result = await aws.RunAsync("ca", "revoke", aws.OldCaArn);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("rotate", result.StandardError, StringComparison.Ordinal);
        Assert.All(aws.Fake.Iot.CaCertificates.Values, ca => Assert.Equal("ACTIVE", ca.Status));
    }

    [Fact]
    public async Task CaRevoke_OldCaAfterRotate_RevokesEveryDeviceCertificateAndReRunFindsThemRevoked()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();
        var devices = await aws.ProvisionAsync(aws.OldCaArn, 3);
        Assert.Equal(0, (await aws.RunAsync("ca", "rotate", "--to", aws.NewCaArn)).ExitCode);

        var revoke = await aws.RunAsync("ca", "revoke", aws.OldCaArn, "--json");
        var again = await aws.RunAsync("ca", "revoke", aws.OldCaArn);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using var json = JsonDocument.Parse(revoke.StandardOutput);
        Assert.Equal(aws.OldCaArn, json.RootElement.GetProperty("issuerId").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("revokedCertificates").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("alreadyRevoked").GetInt32());
        Assert.All(devices, id => Assert.Equal("REVOKED", aws.Fake.Iot.Certificates[id].Status));
        Assert.Equal(3, aws.Fake.AcmPca.RevokedSerials.Count);
        var oldCa = Assert.Single(aws.Fake.Iot.CaCertificates.Values, ca => ca.Mode == "DEFAULT");
        Assert.Equal("INACTIVE", oldCa.Status);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 device certificate(s) revoked now, 3 already revoked", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, aws.Fake.RejectedSignatures);
    }
    [Fact]
    public async Task CaRotate_RegistryReadsCaCertificatePath_RewritesOnlyTheArnAndLeavesThePemFile()
    {
        await using var aws = await AwsCaEnvironment.StartAsync();
        var caPath = Path.Combine(Path.GetDirectoryName(aws.ConfigPath)!, "issuing-ca.pem");
        var oldPem = aws.Fake.AcmPca.IssuingCaCertificate.ExportCertificatePem();
        await File.WriteAllTextAsync(caPath, oldPem);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(aws.ConfigPath))!;
        var registry = config["Secretless"]!["Registry"]!.AsObject();
        registry.Remove("CaCertificatePem");
        registry["CaCertificatePath"] = caPath;
        await File.WriteAllTextAsync(aws.ConfigPath, config.ToJsonString());

        var rotate = await aws.RunAsync("ca", "rotate", "--to", aws.NewCaArn, "--json");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using var json = JsonDocument.Parse(rotate.StandardOutput);
        Assert.Equal(["Secretless:Issuer:CertificateAuthorityArn"], json.RootElement.GetProperty("configUpdated").EnumerateArray().Select(key => key.GetString()));
        var rewritten = JsonNode.Parse(await File.ReadAllTextAsync(aws.ConfigPath))!;
        Assert.Equal(aws.NewCaArn, (string?)rewritten["Secretless"]!["Issuer"]!["CertificateAuthorityArn"]);
        Assert.Equal(caPath, (string?)rewritten["Secretless"]!["Registry"]!["CaCertificatePath"]);
        Assert.Equal(oldPem, await File.ReadAllTextAsync(caPath));
    }

    [Fact]
    public async Task CaList_AcmPcaIssuerWithoutArn_ExitsTwoWithTheConfigurationProblem()
    {
        using var temp = new TemporaryDirectory("secretless-ca-aws");
        var config = temp.File("secretless.json");
        await File.WriteAllTextAsync(config, """{"Secretless":{"Issuer":{"Type":"AcmPca"}}}""");

        var result = await CliProcess.RunAsync(["ca", "list", "--config", config, "--data", temp.File("data")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SL4201", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaRevoke_IotCoreIssuer_ExitsTwo()
    {
        using var temp = new TemporaryDirectory("secretless-ca-aws");
        var config = temp.File("secretless.json");
        await File.WriteAllTextAsync(config, """{"Secretless":{"Issuer":{"Type":"IotCore"}}}""");

        var result = await InProcessCli.RunAsync("ca", "revoke", "some-ca", "--config", config, "--data", temp.File("data"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Amazon's CA", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaRotate_EmbeddedIssuerWithTo_ExitsTwo()
    {
        using var temp = new TemporaryDirectory("secretless-ca-aws");

        var result = await InProcessCli.RunAsync("ca", "rotate", "--to", "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x", "--data", temp.File("data"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--to is for the ACM PCA issuer", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.File("data"), "pki")));
    }
}
