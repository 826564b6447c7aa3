namespace Secretless.TestSupport.Aws;

/// <summary>An IoT policy (one version, "1").</summary>
public sealed record FakeIotPolicy(
    string Name,
    string Arn,
    string Document,
    DateTimeOffset CreationDate,
    string GenerationId);
