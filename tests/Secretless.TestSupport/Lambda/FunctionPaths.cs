using Secretless.TestSupport.Emulators;

namespace Secretless.TestSupport.Lambda;

/// <summary>Where the published Lambda function lives in the repository.</summary>
public static class FunctionPaths
{
    /// <summary>The publish script, relative to the repository root.</summary>
    public const string PublishScript = "scripts/publish-lambda.sh";

    /// <summary>
    /// <c>artifacts/lambda/bootstrap</c> under the repository root; throws, saying to run
    /// scripts/publish-lambda.sh, when it has not been published.
    /// </summary>
    public static string PublishedBootstrap
    {
        get
        {
            var path = Path.Combine(RepositoryRoot.Find(), "artifacts", "lambda", "bootstrap");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The Lambda function is not published at {path}. Run {PublishScript} (it publishes src/Secretless.Lambda there), then rerun the tests.");
            }

            return path;
        }
    }
}
