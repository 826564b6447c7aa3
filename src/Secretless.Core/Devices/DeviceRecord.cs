using Secretless.Core.Keys;

namespace Secretless.Core.Devices;

/// <summary>A registered device. <see cref="PublicKey"/> is normalized SPKI DER.</summary>
public sealed record DeviceRecord(
    string DeviceId,
    byte[] PublicKey,
    KeyAlgorithm KeyAlgorithm,
    DeviceStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
