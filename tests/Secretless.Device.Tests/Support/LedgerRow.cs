namespace Secretless.Device.Tests.Support;

/// <summary>One row of the server's <c>issuances</c> table.</summary>
public sealed record LedgerRow(string DeviceId, string CsrSha256, int State, string? CertificateId);
