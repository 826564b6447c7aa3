namespace Secretless.Core.Devices;

/// <summary>
/// The device directory: device id → registered public key (normalized SPKI DER) and status.
/// Written by the device admin at manufacturing time, read on every provisioning request.
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>Returns the device, or null when the id is not registered.</summary>
    ValueTask<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Imports entries in one transaction: either every entry is stored or none is.
    /// An existing device with the same key is left unchanged; one with a different key is a
    /// conflict unless <paramref name="replaceExistingKeys"/> is set. Any conflict rolls back.
    /// </summary>
    Task<DeviceImportResult> ImportAsync(
        IReadOnlyList<DeviceImportEntry> entries,
        bool replaceExistingKeys,
        IProgress<int>? progress,
        CancellationToken cancellationToken);

    /// <summary>Sets the status; returns false when the device does not exist.</summary>
    Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken);

    /// <summary>Lists devices ordered by id, starting after <paramref name="afterDeviceId"/>.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListAsync(string? afterDeviceId, int limit, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
