namespace Secretless.Deploy.Tests;

/// <summary>One synthesis shared by every template test (synthesis starts the jsii runtime; seconds, not milliseconds).</summary>
[CollectionDefinition(Name)]
public sealed class SynthesizedDeploymentCollection : ICollectionFixture<SynthesizedDeployment>
{
    public const string Name = "synthesized deployment";
}
