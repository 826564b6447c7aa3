namespace Secretless.Core.Issuance;

/// <summary>Idempotency key: the device and the SHA-256 of its CSR's DER (lowercase hex).</summary>
public readonly record struct IssuanceKey(string DeviceId, string CsrSha256Hex);
