namespace Secretless.Aws.Iot;

/// <summary>UpdateCertificate output (none).</summary>
public sealed record UpdateCertificateResponse;
