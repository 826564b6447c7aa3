using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// A CSR that passed inspection: its signature verifies with its own (allowed) key and its one
/// CN is a valid device id. <see cref="Sha256Hex"/> is the SHA-256 of the CSR DER, lowercase hex.
/// </summary>
public sealed record InspectedCsr(string DeviceId, NormalizedPublicKey PublicKey, string Sha256Hex);
