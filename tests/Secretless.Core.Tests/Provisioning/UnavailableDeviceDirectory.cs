using Secretless.Core.Devices;
using Secretless.Core.Errors;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>A directory whose lookups fail with the given exception (a throttled or broken backend).</summary>
internal sealed class UnavailableDeviceDirectory(Exception failure) : IDeviceDirectory
{
    public static UnavailableDeviceDirectory Throttled() =>
        new(new BackendUnavailableException("directory", TimeSpan.FromSeconds(3), "throttled"));

    public ValueTask<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromException<DeviceRecord?>(failure);

    public Task<DeviceImportResult> ImportAsync(IReadOnlyList<DeviceImportEntry> entries, bool replaceExistingKeys, IProgress<int>? progress, CancellationToken cancellationToken) =>
        Task.FromException<DeviceImportResult>(failure);

    public Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken) =>
        Task.FromException<bool>(failure);

    public Task<IReadOnlyList<DeviceRecord>> ListAsync(string? afterDeviceId, int limit, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<DeviceRecord>>(failure);

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromException<long>(failure);
}
