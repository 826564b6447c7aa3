namespace Secretless.Aws.Iot;

/// <summary>DeleteCertificate output (none).</summary>
public sealed record DeleteCertificateResponse;
