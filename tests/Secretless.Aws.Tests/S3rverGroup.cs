namespace Secretless.Aws.Tests;

/// <summary>One s3rver for every test class that needs it; each test isolates itself with its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverGroup : ICollectionFixture<S3rverProcess>
{
    public const string Name = "s3rver";
}
