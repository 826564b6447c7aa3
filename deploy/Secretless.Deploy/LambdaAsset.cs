using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace Secretless.Deploy;

/// <summary>
/// Where the published function (<c>bootstrap</c> from scripts/publish-lambda.sh) comes from. A clean
/// clone has no publish output, and synthesis must still work offline, so a missing directory is
/// replaced by a stub whose bootstrap only reports that it is a stub (with a synth warning); deploying
/// that stub gives functions that fail every invocation, loudly.
/// </summary>
public sealed record LambdaAsset(string Directory, bool IsPlaceholder)
{
    public const string BootstrapFileName = "bootstrap";

    /// <summary>Resolves <paramref name="configured"/> (context <c>lambdaAsset</c>), else <c>artifacts/lambda</c> under the repository.</summary>
    public static LambdaAsset Resolve(string configured)
    {
        var directory = configured.Length > 0
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot.Find(), "artifacts", "lambda");
        if (File.Exists(Path.Combine(directory, BootstrapFileName)))
        {
            return new LambdaAsset(directory, false);
        }

        if (configured.Length > 0)
        {
            throw new ArgumentException($"lambdaAsset '{configured}' has no {BootstrapFileName}; run scripts/publish-lambda.sh or point it at the publish output.");
        }

        return new LambdaAsset(WritePlaceholder(), true);
    }

    public Code Code() => Amazon.CDK.AWS.Lambda.Code.FromAsset(Directory);

    /// <summary>Warns on <paramref name="stack"/> when the stub stands in for the real function.</summary>
    public void WarnIfPlaceholder(Stack stack)
    {
        if (IsPlaceholder)
        {
            Annotations.Of(stack).AddWarning(
                "artifacts/lambda/bootstrap is missing: synthesized with a stub function that fails every call. Run scripts/publish-lambda.sh before cdk deploy.");
        }
    }

    private static string WritePlaceholder()
    {
        // Fixed content in a fixed place: the asset hash, and so the template, stays the same run to run.
        var directory = Path.Combine(Path.GetTempPath(), "secretless-lambda-placeholder");
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, BootstrapFileName),
            "#!/bin/sh\necho 'secretless: placeholder bootstrap; publish the function with scripts/publish-lambda.sh and redeploy' >&2\nexit 1\n");
        return directory;
    }
}
