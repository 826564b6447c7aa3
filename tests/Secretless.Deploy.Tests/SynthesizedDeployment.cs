using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Secretless.Deploy.Tests;

/// <summary>
/// The CDK app synthesized once, in-process and offline, into a temp folder (deleted afterwards),
/// with three regions, a CA per region and a stand-in publish output so the asset is the same on
/// every machine. Tests read it through <see cref="Template"/> assertions and the template files.
/// </summary>
public sealed class SynthesizedDeployment : IDisposable
{
    public static readonly string[] Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    private readonly string _root;

    public SynthesizedDeployment()
    {
        _root = Path.Combine(Path.GetTempPath(), "secretless-deploy-tests-" + Guid.NewGuid().ToString("N"));
        var asset = Path.Combine(_root, "lambda");
        Directory.CreateDirectory(asset);
        File.WriteAllText(Path.Combine(asset, "bootstrap"), "#!/bin/sh\nexit 0\n");
        Outdir = Path.Combine(_root, "cdk.out");
        Deployment = SecretlessApp.Build(Outdir, Context(asset));
        Assembly = Deployment.App.Synth();
    }

    public string Outdir { get; }

    public SecretlessApp Deployment { get; }

    public Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }

    public static string CaArn(string region) =>
        $"arn:aws:acm-pca:{region}:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70";

    public static Dictionary<string, object> Context(string lambdaAsset) => new()
    {
        ["product"] = "widgiot",
        ["regions"] = string.Join(',', Regions),
        ["certificateAuthorityArns"] = string.Join(',', Regions.Select(region => $"{region}={CaArn(region)}")),
        ["domainName"] = "provision.widgiot.example",
        ["hostedZoneId"] = "Z0123456789ABCDEFGHIJ",
        ["hostedZoneName"] = "widgiot.example",
        ["lambdaAsset"] = lambdaAsset,
        ["signingAlgorithm"] = "SHA256WITHECDSA",
    };

    public RegionalStack Regional(string region) => Deployment.Regional.Single(stack => stack.Region == region);

    public static Template TemplateOf(Stack stack) => Template.FromStack(stack);

    /// <summary>The synthesized template file of <paramref name="stack"/> as JSON.</summary>
    public JsonNode Json(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(Outdir, stack.TemplateFile)))!;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
