using System.Collections.Concurrent;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>Device directory double for core orchestration tests (the real one is SQLite, in Secretless.Local).</summary>
internal sealed class InMemoryDeviceDirectory : IDeviceDirectory
{
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);

    public int FindCalls;

    public void Add(string deviceId, byte[] publicKey, KeyAlgorithm algorithm, DeviceStatus status = DeviceStatus.Enabled) =>
        _devices[deviceId] = new DeviceRecord(deviceId, publicKey, algorithm, status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public ValueTask<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref FindCalls);
        return ValueTask.FromResult(_devices.GetValueOrDefault(deviceId));
    }

    public Task<DeviceImportResult> ImportAsync(IReadOnlyList<DeviceImportEntry> entries, bool replaceExistingKeys, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            Add(entry.DeviceId, entry.PublicKey, entry.KeyAlgorithm);
        }

        return Task.FromResult(new DeviceImportResult(entries.Count, 0, 0, []));
    }

    public Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken)
    {
        if (!_devices.TryGetValue(deviceId, out var device))
        {
            return Task.FromResult(false);
        }

        _devices[deviceId] = device with { Status = status };
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<DeviceRecord>> ListAsync(string? afterDeviceId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceRecord>>(_devices.Values
            .Where(d => afterDeviceId is null || string.CompareOrdinal(d.DeviceId, afterDeviceId) > 0)
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .Take(limit)
            .ToList());

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)_devices.Count);
}
