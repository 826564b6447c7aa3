namespace Secretless.Aws.Iot;

/// <summary>UpdateCACertificate output (none).</summary>
public sealed record UpdateCACertificateResponse;
