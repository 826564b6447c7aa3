namespace Secretless.Cli.Output;

/// <summary><c>things show --json</c>: the thing and the certificates attached to it, oldest first.</summary>
public sealed record ThingReport(string Name, DateTimeOffset CreatedAt, IReadOnlyList<DeviceCertificateReport> Certificates);
