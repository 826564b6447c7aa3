namespace Secretless.Benchmarks.Support;

/// <summary>
/// One simulated device: its id, its registered key (normalized SPKI DER, as the manifest import
/// stores it) and the CSR it sends, both as DER and as the <c>device-csr</c> header value
/// (base64 of the PEM text, what <c>base64 -w0 device.csr</c> makes). The private key is not kept.
/// </summary>
public sealed record BenchDevice(string DeviceId, byte[] PublicKeySpki, byte[] CsrDer, string CsrHeader);
