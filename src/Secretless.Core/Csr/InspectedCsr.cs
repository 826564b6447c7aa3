using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// A CSR that passed inspection: its signature verifies with its own (allowed) key and its one
/// CN is a valid device id. <see cref="Sha256Hex"/> is the SHA-256 of <see cref="Der"/>, lowercase hex.
/// <see cref="Der"/> is kept because some CAs (ACM PCA, AWS IoT) sign from the CSR itself.
/// </summary>
public sealed record InspectedCsr(string DeviceId, NormalizedPublicKey PublicKey, string Sha256Hex, byte[] Der);
