using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

public sealed class PkiInitTests
{
    [Fact]
    public async Task Init_Twice_KeepsTheRootAndReportsNotCreated()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var first = await CliProcess.RunAsync(["pki", "init", "--json", "--data", temp.Path]);
        Assert.True(first.ExitCode == 0, first.ToString());
        using var firstJson = JsonDocument.Parse(first.StandardOutput);
        Assert.True(firstJson.RootElement.GetProperty("created").GetBoolean());
        var rootPath = firstJson.RootElement.GetProperty("rootCertificatePath").GetString()!;
        var rootBefore = await File.ReadAllTextAsync(rootPath);

        var second = await InProcessCli.RunAsync("pki", "init", "--json", "--data", temp.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
        using var secondJson = JsonDocument.Parse(second.StandardOutput);
        Assert.False(secondJson.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(rootPath, secondJson.RootElement.GetProperty("rootCertificatePath").GetString());
        Assert.Equal(rootBefore, await File.ReadAllTextAsync(rootPath));
    }

    [Fact]
    public async Task Init_Fresh_WritesChainThatOpensslVerifiesAgainstTheRoot()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("pki", "init", "--json", "--data", temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement.GetProperty("rootCertificatePath").GetString()!;
        var chain = json.RootElement.GetProperty("chainPemPath").GetString()!;
        Assert.Equal(Path.Combine(temp.Path, "pki", "ca-chain.pem"), chain);
        // The first certificate of the chain is the issuing CA; it must verify against the root.
        var chainPem = await File.ReadAllTextAsync(chain);
        var issuingPem = chainPem[..(chainPem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)] + "\n";
        await File.WriteAllTextAsync(temp.File("issuing.pem"), issuingPem);
        var verify = await OpenSsl.RunAsync(["verify", "-CAfile", root, temp.File("issuing.pem")]);
        Assert.Contains("OK", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_Human_PrintsChainPath()
    {
        using var temp = new TemporaryDirectory("secretless-cli");

        var result = await InProcessCli.RunAsync("pki", "init", "--data", temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Path.Combine(temp.Path, "pki", "ca-chain.pem"), result.StandardOutput, StringComparison.Ordinal);
    }
}
