namespace Secretless.Core.Errors;

/// <summary>
/// A refusal the device can act on: HTTP status, stable machine-readable code and a precise
/// human-readable detail (never a CSR, a key or a stack trace).
/// </summary>
public sealed record ProvisioningError(int Status, string Code, string Title, string Detail, TimeSpan? RetryAfter = null);
