namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>One dynalite for every test class that needs it; each test isolates itself with its own table.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteGroup : ICollectionFixture<DynaliteProcess>
{
    public const string Name = "dynalite";
}
