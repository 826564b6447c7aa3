using Secretless.Core.Keys;

namespace Secretless.Core.Devices;

/// <summary>One validated manifest line: the key is already normalized SPKI DER.</summary>
public sealed record DeviceImportEntry(int LineNumber, string DeviceId, byte[] PublicKey, KeyAlgorithm KeyAlgorithm);
