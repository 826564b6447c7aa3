using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Secretless.Deploy.Tests;

/// <summary>scripts/cdk-nag.sh (cdk-nag's AwsSolutions pack, from npm) on the synthesized templates.</summary>
[Collection(SynthesizedDeploymentCollection.Name)]
public sealed class CdkNagTests(SynthesizedDeployment deployment)
{
    [Fact]
    public async Task CdkNagScript_SynthesizedTemplates_PassesWithEverySuppressionReasoned()
    {
        var (exitCode, output) = await RunScriptAsync(deployment.Outdir);

        Assert.True(exitCode == 0, output);
        Assert.Contains("cdk-nag AwsSolutions: passed", output, StringComparison.Ordinal);
        foreach (var stack in deployment.Assembly.Stacks)
        {
            Assert.Contains($"{stack.StackName}: 0 unsuppressed errors", output, StringComparison.Ordinal);
        }

        var suppressions = deployment.Assembly.Stacks
            .Select(stack => JsonNode.Parse(File.ReadAllText(stack.TemplateFullPath))!)
            .SelectMany(template => template["Resources"]!.AsObject())
            .Select(resource => resource.Value!["Metadata"]?[NagSuppressions.MetadataKey]?["rules_to_suppress"])
            .Where(rules => rules is not null)
            .SelectMany(rules => rules!.AsArray())
            .ToList();
        Assert.NotEmpty(suppressions);
        Assert.All(suppressions, rule =>
        {
            Assert.StartsWith("AwsSolutions-", (string?)rule!["id"], StringComparison.Ordinal);
            Assert.True(((string?)rule["reason"])?.Length >= 40, $"{rule["id"]} needs a real reason");
        });
    }

    [Fact]
    public async Task CdkNagScript_SuppressionsRemoved_FailsWithTheFindings()
    {
        var template = JsonNode.Parse(File.ReadAllText(deployment.Assembly.GetStackByName("widgiot-eu-west-1").TemplateFullPath))!;
        foreach (var resource in template["Resources"]!.AsObject())
        {
            resource.Value!["Metadata"]?.AsObject().Remove(NagSuppressions.MetadataKey);
        }

        var file = Path.Combine(Path.GetTempPath(), $"secretless-nag-{Guid.NewGuid():N}.template.json");
        try
        {
            await File.WriteAllTextAsync(file, template.ToJsonString());
            var (exitCode, output) = await RunScriptAsync(file);

            Assert.Equal(1, exitCode);
            Assert.Contains("AwsSolutions-IAM5", output, StringComparison.Ordinal);
            Assert.Contains("AwsSolutions-S1", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string target)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Find(), "scripts", "cdk-nag.sh"), target },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
