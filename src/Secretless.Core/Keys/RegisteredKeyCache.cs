using System.Collections.Concurrent;

namespace Secretless.Core.Keys;

/// <summary>
/// Imported registered keys, so a device that provisions again (a new CSR, a rotation) is
/// verified without importing its key again. Keyed by the registered SPKI bytes, never by device
/// id: a device re-imported with a new key simply misses and gets its new key imported, and a
/// stale entry for the old key is never consulted for it. Bounded: at most <see cref="Capacity"/>
/// entries (the ring and the map grow together under the insert lock), evicted by the clock (second-chance) rule, so a key used since the hand last passed
/// survives one more round. Lookups are lock-free; inserts and evictions take one lock.
/// </summary>
internal sealed class RegisteredKeyCache
{
    private readonly ConcurrentDictionary<byte[], Entry> _entries;
    private readonly Entry?[] _ring;
    private readonly Lock _insertGate = new();
    private int _used;
    private int _hand;
    private long _imports;

    public RegisteredKeyCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _ring = new Entry?[capacity];
        _entries = new ConcurrentDictionary<byte[], Entry>(SpkiBytesComparer.Instance);
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    /// <summary>Imports done because the key was not cached (for tests and diagnostics).</summary>
    public long Imports => Interlocked.Read(ref _imports);

    /// <summary>
    /// The verification key for a registered key, imported on first use. The returned key may be
    /// evicted (and disposed) by another thread at any time; <see cref="VerificationKey.TryVerify"/>
    /// then reports false and the caller imports a key of its own.
    /// </summary>
    public VerificationKey GetOrImport(NormalizedPublicKey registeredKey)
    {
        ArgumentNullException.ThrowIfNull(registeredKey);
        if (_entries.TryGetValue(registeredKey.SpkiDer, out var cached) && cached.Key.Algorithm == registeredKey.Algorithm)
        {
            cached.Referenced = true;
            return cached.Key;
        }

        // Imported outside the lock: an import is the slow part and must not serialize requests.
        var imported = VerificationKey.Import(registeredKey);
        Interlocked.Increment(ref _imports);
        lock (_insertGate)
        {
            if (_entries.TryGetValue(registeredKey.SpkiDer, out cached))
            {
                if (cached.Key.Algorithm == registeredKey.Algorithm)
                {
                    imported.Dispose();
                    cached.Referenced = true;
                    return cached.Key;
                }

                // Same bytes under another algorithm cannot come from a consistent directory;
                // answer with the fresh key and leave the cache alone.
                return imported;
            }

            var entry = new Entry(registeredKey.SpkiDer.ToArray(), imported, ClaimSlot());
            _ring[entry.Slot] = entry;
            _entries[entry.Spki] = entry;
            return imported;
        }
    }

    /// <summary>
    /// Drops every entry and frees its native key. Not IDisposable on purpose: the cache lives as
    /// long as its provisioner, and an entry's key is freed when evicted or finalized.
    /// </summary>
    public void Clear()
    {
        lock (_insertGate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Key.Dispose();
            }

            _entries.Clear();
            Array.Clear(_ring);
            _used = 0;
            _hand = 0;
        }
    }

    /// <summary>A free ring slot, evicting the first entry the clock hand finds unreferenced. Under the insert lock.</summary>
    private int ClaimSlot()
    {
        if (_used < _ring.Length)
        {
            return _used++;
        }

        while (true)
        {
            var slot = _hand;
            _hand = _hand + 1 == _ring.Length ? 0 : _hand + 1;
            var entry = _ring[slot]!;
            if (entry.Referenced)
            {
                entry.Referenced = false;
                continue;
            }

            _entries.TryRemove(entry.Spki, out _);
            entry.Key.Dispose();
            _ring[slot] = null;
            return slot;
        }
    }

    private sealed class Entry(byte[] spki, VerificationKey key, int slot)
    {
        public byte[] Spki { get; } = spki;

        public VerificationKey Key { get; } = key;

        public int Slot { get; } = slot;

        // Set on every hit, cleared by the passing clock hand; a torn read only delays eviction.
        public volatile bool Referenced;
    }
}
