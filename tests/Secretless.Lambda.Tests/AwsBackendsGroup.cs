namespace Secretless.Lambda.Tests;

/// <summary>One set of emulators for every test that needs AWS (they isolate themselves by table and prefix).</summary>
[CollectionDefinition(Name)]
public sealed class AwsBackendsGroup : ICollectionFixture<AwsBackendsFixture>
{
    public const string Name = "AWS backends";
}
