namespace Secretless.Local.Pki;

/// <summary>
/// A signed device certificate and the fields the CA port reports about it, taken from what was
/// written (so the fast path never has to parse its own output back).
/// </summary>
/// <param name="Der">The DER-encoded X.509 certificate.</param>
/// <param name="SerialNumber">The serial number's DER INTEGER contents (what <c>SerialNumberBytes</c> reads back).</param>
/// <param name="NotAfter">The encoded notAfter (whole seconds, UTC).</param>
internal sealed record DeviceCertificate(byte[] Der, byte[] SerialNumber, DateTimeOffset NotAfter);
