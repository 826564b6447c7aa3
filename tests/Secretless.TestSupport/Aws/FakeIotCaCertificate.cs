namespace Secretless.TestSupport.Aws;

/// <summary>A CA certificate registered with the fake IoT (RegisterCACertificate or <see cref="FakeIot.RegisterCaCertificate"/>).</summary>
public sealed record FakeIotCaCertificate(
    string Id,
    string Arn,
    string Pem,
    string Status,
    bool AutoRegistration,
    string Mode,
    DateTimeOffset CreationDate);
