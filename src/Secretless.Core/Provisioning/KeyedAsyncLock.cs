namespace Secretless.Core.Provisioning;

/// <summary>
/// One async mutex per key, created on demand and removed when its last holder or waiter
/// leaves, so the map stays as small as the number of keys in flight.
/// </summary>
internal sealed class KeyedAsyncLock<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];

    /// <summary>Number of keys currently held or awaited (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<Releaser> AcquireAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var existing))
            {
                existing = new Entry();
                _entries.Add(key, existing);
            }

            existing.References++;
            entry = existing;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(TKey key, Entry entry)
    {
        lock (_entries)
        {
            entry.References--;
            if (entry.References == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    /// <summary>Releases the key's mutex on dispose.</summary>
    public sealed class Releaser : IDisposable
    {
        private readonly KeyedAsyncLock<TKey> _owner;
        private readonly TKey _key;
        private Entry? _entry;

        internal Releaser(KeyedAsyncLock<TKey> owner, TKey key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        public void Dispose()
        {
            var entry = Interlocked.Exchange(ref _entry, null);
            if (entry is null)
            {
                return;
            }

            entry.Semaphore.Release();
            _owner.Leave(_key, entry);
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }
}
