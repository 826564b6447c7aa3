using BenchmarkDotNet.Attributes;
using Secretless.Benchmarks.Support;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Core.Provisioning;
using Secretless.Local.Storage;

namespace Secretless.Benchmarks;

/// <summary>
/// The registered-key lookup every request makes (<c>SqliteDeviceDirectory.FindAsync</c>) in a
/// directory of many devices, walking the ids so the lookups are not all one cached page.
/// </summary>
[MemoryDiagnoser]
public class DeviceDirectoryBenchmarks
{
    // Real P-256 keys, shared round-robin: the lookup reads the key bytes but never checks them,
    // and generating a key per registered device would dominate the setup.
    private const int DistinctKeys = 256;

    private EmbeddedBackends _stack = null!;
    private IDeviceDirectory _directory = null!;
    private string[] _deviceIds = null!;
    private BenchDevice[] _keyDevices = null!;
    private int _next;
    private int _nextKeyDevice;

    [Params(100_000)]
    public int RegisteredDevices { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _stack = new EmbeddedBackends("directory", SqliteDurability.Normal);
        _directory = _stack.Directory;
        var keys = BenchDevices.Create("key", DistinctKeys);
        _keyDevices = keys;
        _deviceIds = new string[RegisteredDevices];
        var entries = new DeviceImportEntry[RegisteredDevices];
        for (var i = 0; i < entries.Length; i++)
        {
            _deviceIds[i] = $"directory-{i:D8}";
            entries[i] = new DeviceImportEntry(i + 1, _deviceIds[i], keys[i % DistinctKeys].PublicKeySpki, KeyAlgorithm.EcdsaP256);
        }

        // Visit the ids in a scrambled order, as devices arrive in no particular order.
        Random.Shared.Shuffle(_deviceIds);
        var result = await _directory.ImportAsync(entries, replaceExistingKeys: false, progress: null, CancellationToken.None);
        if (result.Inserted != RegisteredDevices)
        {
            throw new InvalidOperationException($"Registered {result.Inserted} of {RegisteredDevices} benchmark devices.");
        }

        // The key devices themselves too (under their own ids), for the admission benchmark.
        await _stack.RegisterAsync(keys, CancellationToken.None);
        var admission = await _stack.Provisioner.AdmitAsync(keys[0].CsrHeader, CancellationToken.None);
        if (!admission.Admitted)
        {
            throw new InvalidOperationException($"The admission benchmark CSR is refused ({admission.Error.Code}).");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _stack.Dispose();

    [Benchmark(Baseline = true)]
    public ValueTask<DeviceRecord?> FindRegistered()
    {
        var id = _deviceIds[_next];
        _next = _next + 1 == _deviceIds.Length ? 0 : _next + 1;
        return _directory.FindAsync(id, CancellationToken.None);
    }

    /// <summary>
    /// What <c>/new</c> does before issuing, for devices provisioning again: decode and parse the
    /// CSR, look the device up, compare keys, verify the signature (with the registered key once
    /// it is cached), walking 256 devices.
    /// </summary>
    [Benchmark]
    public Task<ProvisioningAdmission> AdmitKnownDevice()
    {
        var device = _keyDevices[_nextKeyDevice];
        _nextKeyDevice = _nextKeyDevice + 1 == _keyDevices.Length ? 0 : _nextKeyDevice + 1;
        return _stack.Provisioner.AdmitAsync(device.CsrHeader, CancellationToken.None);
    }

    [Benchmark]
    public ValueTask<DeviceRecord?> FindUnknown() => _directory.FindAsync("directory-unknown", CancellationToken.None);
}
